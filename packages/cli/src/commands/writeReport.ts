import { randomBytes } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { writeTempFile } from '@keyless/codemod';
import type { Io } from '../Io.js';

/**
 * Writes a report to `--output FILE` (relative to the working directory) or to stdout. The file
 * is written atomically: to a temp file beside it, flushed, then renamed over it, so a reader (or
 * a killed run) never sees half a report. Not the sweep's `writeFileAtomic`: that one replaces
 * only an existing file, and only if nobody edited it meanwhile. Returns false, after
 * saying why on stderr, when the file cannot be written.
 */
export async function writeReport(text: string, output: string | undefined, io: Io): Promise<boolean> {
  if (output === undefined) {
    io.stdout.write(text);
    return true;
  }
  const path = resolve(io.cwd, output);
  const temp = join(
    dirname(path),
    `.${basename(path)}.keyless-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );
  let created = false;
  try {
    await writeTempFile(temp, text, 0o644);
    created = true;
    await rename(temp, path);
    created = false;
    return true;
  } catch (e: unknown) {
    const code = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
    io.stderr.write(`keyless: cannot write ${output}: ${code}\n`);
    return false;
  } finally {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
