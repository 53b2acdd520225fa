/** One call a {@link recordingLogger} received. */
export interface RecordedLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  args: unknown[];
  /** Every argument serialised, for searching. */
  text: string;
}

/** An SDK-style logger (`trace`/`debug`/`info`/`warn`/`error`) that keeps every call. */
export interface RecordingLogger {
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  readonly lines: RecordedLine[];
  /** The calls at one level, in order. */
  at(level: RecordedLine['level']): RecordedLine[];
}

/** A fresh {@link RecordingLogger}. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordedLine[] = [];
  const record =
    (level: RecordedLine['level']) =>
    (...args: unknown[]): void => {
      lines.push({
        level,
        args,
        text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
      });
    };
  return {
    lines,
    at: (level) => lines.filter((l) => l.level === level),
    trace: record('trace'),
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
