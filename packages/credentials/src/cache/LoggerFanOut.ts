import type { Logger } from '@smithy/types';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/**
 * The logger of a shared cache: forwards each line to the logger of every provider holding the cache.
 * Loggers are observers, not configuration, so providers that differ only by their logger share one
 * cache and each still sees its lines (from the moment it joined).
 */
export class LoggerFanOut implements Logger {
  readonly #loggers = new Map<Logger, number>();

  add(logger: Logger): void {
    this.#loggers.set(logger, (this.#loggers.get(logger) ?? 0) + 1);
  }

  remove(logger: Logger): void {
    const n = (this.#loggers.get(logger) ?? 0) - 1;
    if (n > 0) this.#loggers.set(logger, n);
    else this.#loggers.delete(logger);
  }

  trace(...content: unknown[]): void {
    this.#send('trace', content);
  }
  debug(...content: unknown[]): void {
    this.#send('debug', content);
  }
  info(...content: unknown[]): void {
    this.#send('info', content);
  }
  warn(...content: unknown[]): void {
    this.#send('warn', content);
  }
  error(...content: unknown[]): void {
    this.#send('error', content);
  }

  #send(level: Level, content: unknown[]): void {
    for (const logger of this.#loggers.keys()) logger[level]?.(...content);
  }
}
