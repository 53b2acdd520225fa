import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, chown, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file changed on disk between the read and the write: we do not overwrite someone's edit. */
export class FileChangedError extends Error {
  override name = 'FileChangedError';
}

/**
 * Replaces `path` with `text` so that a reader sees either the old or the new file, never half of
 * one: the text goes to a temp file beside it (same file system, so the rename is atomic), is
 * flushed, gets the original mode, and is renamed over the original only if the original still
 * holds `expected`. Any failure removes the temp file and leaves the original untouched. A file
 * without write permission is refused even though the rename would succeed. Owner and group are
 * kept where the process may set them.
 */
export async function writeFileAtomic(path: string, text: string, expected: string): Promise<void> {
  await access(path, constants.W_OK);
  const { mode, uid, gid } = await stat(path);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.keyless-tmp`);
  let created = false;
  try {
    const handle = await open(temp, 'wx', mode & 0o7777);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; the rewritten file must keep exactly the mode it had, and its
    // owner when we may set it (root fixing a checkout that belongs to someone else).
    const made = await stat(temp);
    if (made.uid !== uid || made.gid !== gid) await chown(temp, uid, gid).catch(() => undefined);
    await chmod(temp, mode & 0o7777);
    if ((await readFile(path, 'utf8')) !== expected) {
      throw new FileChangedError(`${path} changed while keyless was fixing it; run the fix again`);
    }
    await rename(temp, path);
    created = false;
  } finally {
    if (created) await unlink(temp).catch(() => undefined);
  }
}
