import { open, unlink } from 'node:fs/promises';

/**
 * Writes `text` to a new file (failing if `path` exists, so a temp name is never reused) and
 * flushes it to disk: the first half of an atomic write, before the rename. On failure the file
 * is removed again.
 */
export async function writeTempFile(path: string, text: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  let ok = false;
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    ok = true;
  } finally {
    await handle.close();
    if (!ok) await unlink(path).catch(() => undefined);
  }
}
