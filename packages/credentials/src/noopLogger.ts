import type { Logger } from '@smithy/types';

const ignore = (): void => {};

/** The default logger: drops everything. Library code never writes to the console. */
export const noopLogger: Logger = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
