import { SweepError, type SweepResult } from '@keyless/codemod';
import type { Io } from '../Io.js';
import { ProgressBar } from './ProgressBar.js';

/**
 * Runs a sweep for a command (`start` calls `sweep` or `sweepHistory` with the progress callback
 * it is given) with a progress bar on a terminal's stderr. A problem with the run as a whole (bad
 * option, bad baseline, dirty work tree, not a repository) is printed and becomes exit code 2.
 */
export async function runSweep(
  start: (onProgress: (done: number, total: number) => void) => Promise<SweepResult>,
  io: Io,
): Promise<{ result: SweepResult } | { exitCode: number }> {
  const bar = new ProgressBar(io.stderr);
  try {
    return { result: await start((done, total) => bar.update(done, total)) };
  } catch (e: unknown) {
    if (e instanceof SweepError || e instanceof TypeError) {
      bar.clear();
      io.stderr.write(`keyless: ${e.message}\n`);
      return { exitCode: 2 };
    }
    throw e;
  } finally {
    bar.clear();
  }
}

/**
 * Whether a file failed in a way that means the run did not see or fix everything (exit 2). A file
 * that cannot be parsed still gets its pattern scan, so it is reported but is not such a failure.
 */
export function hasHardErrors(result: SweepResult): boolean {
  return result.errors.some((e) => e.kind !== 'parse');
}
