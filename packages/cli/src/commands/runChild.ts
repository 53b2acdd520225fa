import { type StdioOptions, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { Stream } from 'node:stream';
import type { Io } from '../Io.js';

/** What `keyless emulator -- <command...>` runs, and the environment it adds. */
export interface RunChildInit {
  /** The program and its arguments, as typed after `--`. */
  command: readonly [string, ...string[]];
  /** Variables set on top of the caller's environment. */
  env: Readonly<Record<string, string>>;
}

/** The child's own stream when the caller's stream is a real file descriptor, else a pipe we copy from. */
function stdioFor(stream: Io['stdout']): 'pipe' | Stream {
  return stream instanceof Stream && typeof (stream as { fd?: unknown }).fd === 'number' ? stream : 'pipe';
}

/**
 * Runs `command` with `env` added, forwards SIGINT/SIGTERM/SIGHUP to it while it runs, and resolves
 * with the exit code a shell would report: the child's own code, 128 + the signal number when a
 * signal ended it, or 127 when it could not be started. Hand-written rather than execa: this is the
 * whole of it, and the CLI keeps its dependency list to what it cannot do without.
 */
export async function runChild({ command, env }: RunChildInit, io: Io): Promise<number> {
  const [program, ...args] = command;
  const stdio: StdioOptions = ['inherit', stdioFor(io.stdout), stdioFor(io.stderr)];
  const child = spawn(program, args, { cwd: io.cwd, env: { ...io.env, ...env }, stdio });
  child.stdout?.pipe(io.stdout, { end: false });
  child.stderr?.pipe(io.stderr, { end: false });
  const unsubscribe = io.onSignal?.((signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
  try {
    return await new Promise<number>((resolve) => {
      child.once('error', (error) => {
        io.stderr.write(`keyless emulator: cannot run ${JSON.stringify(program)}: ${error.message}\n`);
        resolve(127);
      });
      // 'close', not 'exit': the piped output has been copied by then.
      child.once('close', (code, signal) =>
        resolve(code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0))),
      );
    });
  } finally {
    unsubscribe?.();
  }
}
