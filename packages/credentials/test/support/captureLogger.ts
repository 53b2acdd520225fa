import type { Logger } from '@smithy/types';

export interface CapturedLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  args: unknown[];
  /** Every argument serialised, for searching. */
  text: string;
}

/** A Logger that records every call. */
export function captureLogger(): Logger & {
  lines: CapturedLine[];
  at(level: CapturedLine['level']): CapturedLine[];
} {
  const lines: CapturedLine[] = [];
  const record =
    (level: CapturedLine['level']) =>
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
