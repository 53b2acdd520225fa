/** The AWS SDK's logger shape; the emulator logs only unexpected server-side failures. */
export interface Logger {
  debug(...content: unknown[]): void;
  info(...content: unknown[]): void;
  warn(...content: unknown[]): void;
  error(...content: unknown[]): void;
}

const noop = (): void => {};

/** The default logger: library code never writes to the console on its own. */
export const NO_OP_LOGGER: Logger = { debug: noop, info: noop, warn: noop, error: noop };
