import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Token files and DMI entries are a few hundred bytes; anything this large is not one. */
const MAX_SMALL_FILE_BYTES = 16 * 1024;

/** A file that exists but is no small text file: a FIFO, a device, a directory, or over the cap. */
class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

/**
 * Reads a small text file; resolves `undefined` when it does not exist or cannot be opened, and
 * rejects with an {@link UnreadableFileError} for one that is not a regular file or is larger than
 * `MAX_SMALL_FILE_BYTES`. The package's file seam.
 */
export type ReadFile = (path: string) => Promise<string | undefined>;

/**
 * The real file reader. It opens without blocking (a FIFO with no writer would hang a plain read
 * past every deadline), checks the opened file is regular, and reads at most the cap plus one byte,
 * so a 100 MB file costs 16 KiB, not 100 MB of memory.
 */
export const readFile: ReadFile = async (path) => {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    return await readCapped(handle, path);
  } catch (e: unknown) {
    if (e instanceof UnreadableFileError) throw e;
    return undefined;
  } finally {
    await handle.close();
  }
};

async function readCapped(handle: Awaited<ReturnType<typeof open>>, path: string): Promise<string> {
  const stat = await handle.stat();
  if (!stat.isFile()) throw new UnreadableFileError(`${path} is not a regular file`);
  const buffer = Buffer.alloc(MAX_SMALL_FILE_BYTES + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length > MAX_SMALL_FILE_BYTES)
      throw new UnreadableFileError(`${path} is larger than ${MAX_SMALL_FILE_BYTES / 1024} KiB`);
  }
  return buffer.subarray(0, length).toString('utf8');
}
