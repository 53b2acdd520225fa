import type { Logger } from '@smithy/types';

const ignore = (): void => {};

/** The default logger: library code never writes to the console on its own. */
export const NOOP_LOGGER: Logger = {
  trace: ignore,
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
};

/** The logger an AWS SDK v3 client config carries, when it has one of the right shape. */
export function loggerOf(config: object): Logger | undefined {
  const logger: unknown = (config as { logger?: unknown }).logger;
  if (typeof logger !== 'object' || logger === null) return undefined;
  const { debug, info, warn, error } = logger as Partial<Record<keyof Logger, unknown>>;
  const complete = [debug, info, warn, error].every((f) => typeof f === 'function');
  return complete ? (logger as Logger) : undefined;
}
