import { spawn } from 'node:child_process';

/** One blob as `git cat-file --batch` streamed it. */
export interface BlobContent {
  blob: string;
  /** Size in bytes, from git's header (0 when missing). */
  size: number;
  /** The content; left out when `size` is over the read limit (streamed past, never held). */
  bytes?: Buffer;
  /** The object is not in the repository (a ref to a pruned or promisor object). */
  missing?: boolean;
}

interface Current {
  blob: string;
  size: number;
  /** Bytes still to come, the trailing newline included. */
  remaining: number;
  parts: Buffer[] | undefined;
}

function parseHeader(line: string, readLimit: number): Current | BlobContent {
  const [blob = '', type = '', size = ''] = line.split(' ');
  if (type === 'missing' || type === '') return { blob, size: 0, missing: true };
  const bytes = Number(size);
  return { blob, size: bytes, remaining: bytes + 1, parts: bytes > readLimit ? undefined : [] };
}

/**
 * The contents of `blobs` in the order given, read by one `git cat-file --batch --buffer` (git
 * inflates and resolves deltas itself, far faster than any JavaScript reader of pack files) and
 * parsed as they stream: only one blob is held at a time, and one over `readLimit` is skipped
 * byte by byte without being kept. Rejects when git fails, with its stderr.
 */
export async function* catBlobs(
  root: string,
  blobs: readonly string[],
  readLimit: number,
): AsyncGenerator<BlobContent> {
  const child = spawn('git', ['cat-file', '--batch', '--buffer'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', resolvePromise);
  });
  // A git that dies early closes the pipe; its exit code says why, not an EPIPE.
  child.stdin.on('error', () => {});
  child.stdin.end(blobs.length === 0 ? '' : `${blobs.join('\n')}\n`);

  let header = Buffer.alloc(0);
  let current: Current | undefined;
  let read = false;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        if (current === undefined) {
          const nl = chunk.indexOf(10, offset);
          if (nl === -1) {
            header = Buffer.concat([header, chunk.subarray(offset)]);
            break;
          }
          const parsed = parseHeader(
            Buffer.concat([header, chunk.subarray(offset, nl)]).toString('latin1'),
            readLimit,
          );
          header = Buffer.alloc(0);
          offset = nl + 1;
          if ('remaining' in parsed) current = parsed;
          else yield parsed;
          continue;
        }
        const take = Math.min(current.remaining, chunk.length - offset);
        current.parts?.push(chunk.subarray(offset, offset + take));
        offset += take;
        current.remaining -= take;
        if (current.remaining === 0) {
          const { blob, size, parts } = current;
          current = undefined;
          yield parts === undefined
            ? { blob, size }
            : { blob, size, bytes: Buffer.concat(parts).subarray(0, size) };
        }
      }
    }
    read = true;
  } finally {
    if (!read) child.kill();
  }
  const code = await exited;
  if (code !== 0) throw new Error(`git cat-file failed in ${root}: ${stderr.trim() || `exit ${code}`}`);
}
