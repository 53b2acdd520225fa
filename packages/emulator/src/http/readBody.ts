import type { IncomingMessage } from 'node:http';

const EMPTY = Buffer.alloc(0);

/** Reads the whole request body, or returns `undefined` as soon as it is larger than `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return undefined;
  // Most requests (every metadata GET) carry no body: skip the async iterator on the hot path.
  if (declared === 0 && req.headers['transfer-encoding'] === undefined) return EMPTY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
