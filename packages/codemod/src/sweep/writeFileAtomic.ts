import { randomBytes } from 'node:crypto';
import { constants, readFileSync, renameSync, statSync } from 'node:fs';
import { access, chmod, chown, readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeTempFile } from './writeTempFile.js';

/** The file changed on disk between the read and the write: we do not overwrite someone's edit. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

/** The file's mode bits say nobody may write it (`chmod a-w`); root's `access(W_OK)` would not. */
export class ReadOnlyFileError extends Error {
  override name = 'ReadOnlyFileError';
}

/** None of the allowed temp directories is on the file's file system, so no atomic rename. */
export class NoTempDirError extends Error {
  override name = 'NoTempDirError';
}

export interface WriteFileAtomicOptions {
  /**
   * Where the temp file may go, in order of preference; the first one on the same file system as
   * `path` is used (a rename cannot cross file systems). Pass the file's own directory only when
   * `text` holds nothing secret: a temp file left there by `kill -9` sits in the work tree.
   */
  tempDirs: readonly string[];
}

// `<pid>-<random>`: a leftover whose process is gone can be told apart from one being written.
const TEMP = /^(?:\..+\.)?keyless-(\d+)-[0-9a-f]{12}\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e: unknown) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Deletes temp files a killed `fix` left in `dir` (only ours, only of dead processes). */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP.exec(name);
    if (m !== null && !alive(Number(m[1]))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

async function chooseTempDir(path: string, dirs: readonly string[]): Promise<string> {
  const { dev } = await stat(dirname(path));
  for (const dir of dirs) {
    const info = await stat(dir).catch(() => undefined);
    if (info?.isDirectory() && info.dev === dev) return dir;
  }
  throw new NoTempDirError(`no temp directory on the file system of ${path}`);
}

/**
 * Replaces `path` with `text` so that a reader sees either the old or the new file, never half of
 * one: the text goes to a temp file on the same file system (so the rename is atomic), is flushed,
 * gets the original mode and owner (where the process may set it), and is renamed over the
 * original only if the original still holds `expected`. That check and the rename run in one
 * synchronous step, so nothing else in this process runs between them, and it compares the
 * file's identity as well as its text (an editor that saves by renaming makes a new inode). Any
 * failure removes the temp file and leaves the original untouched; temp files a killed run left in
 * the chosen directory are removed first. A file is writable when its mode says its owner may write
 * it and the kernel agrees (`access(W_OK)` alone lets root rewrite a read-only file).
 */
export async function writeFileAtomic(
  path: string,
  text: string,
  expected: string,
  options: WriteFileAtomicOptions,
): Promise<void> {
  const before = await stat(path);
  if ((before.mode & 0o200) === 0) {
    throw new ReadOnlyFileError(
      `${path} is read-only (mode ${(before.mode & 0o777).toString(8).padStart(4, '0')})`,
    );
  }
  await access(path, constants.W_OK);
  const { mode, uid, gid } = before;
  const dir = await chooseTempDir(path, options.tempDirs);
  await removeStaleTemps(dir);
  const prefix = dir === dirname(path) ? `.${basename(path)}.` : '';
  const temp = join(dir, `${prefix}keyless-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    // Owner-only until it is complete, whatever directory it is in.
    await writeTempFile(temp, text, 0o600);
    created = true;
    // The rewritten file must keep exactly the mode it had, and its owner when we may set it
    // (root fixing a checkout that belongs to someone else).
    const made = await stat(temp);
    if (made.uid !== uid || made.gid !== gid) await chown(temp, uid, gid).catch(() => undefined);
    await chmod(temp, mode & 0o7777);
    const now = statSync(path);
    if (
      now.ino !== before.ino ||
      now.dev !== before.dev ||
      now.mtimeMs !== before.mtimeMs ||
      now.size !== before.size ||
      readFileSync(path, 'utf8') !== expected
    ) {
      throw new FileChangedError(`${path} changed while keyless was fixing it; run the fix again`);
    }
    renameSync(temp, path);
    created = false;
  } finally {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
