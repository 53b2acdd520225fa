/** Where a command reads and writes: the real process in `bin.ts`, plain buffers in tests. */
export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the command should stop serving (SIGINT/SIGTERM in the real process). */
  untilSignal?: Promise<void>;
  /**
   * Calls `listener` on every SIGINT, SIGTERM and SIGHUP until the returned function is called, so a
   * command that runs a child can pass each one on (the real process in `bin.ts`).
   */
  onSignal?: (listener: (signal: NodeJS.Signals) => void) => () => void;
}

/** A subcommand: parses its own argv and returns the process exit code. */
export type Command = (argv: string[], io: Io) => Promise<number>;
