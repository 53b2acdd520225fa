import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Io } from '../Io.js';

/**
 * Writes a report to `--output FILE` (relative to the working directory) or to stdout. Returns
 * false, after saying why on stderr, when the file cannot be written.
 */
export async function writeReport(text: string, output: string | undefined, io: Io): Promise<boolean> {
  if (output === undefined) {
    io.stdout.write(text);
    return true;
  }
  try {
    await writeFile(resolve(io.cwd, output), text);
    return true;
  } catch (e: unknown) {
    const code = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
    io.stderr.write(`keyless: cannot write ${output}: ${code}\n`);
    return false;
  }
}
