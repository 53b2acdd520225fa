import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as S3 received it: who signed it, never the signature itself. */
export interface SignedRequest {
  method: string;
  path: string;
  /** The access key id in the SigV4 `Authorization` header. */
  accessKeyId: string | undefined;
  /** The `x-amz-security-token` header: present only for temporary (role) credentials. */
  sessionToken: string | undefined;
}

/**
 * A stand-in for S3 on 127.0.0.1 (the emulator has no S3 surface): stores objects in memory by path
 * and records which credentials signed each request, so a test can tell role credentials from any
 * other. Path-style only, which is what the SDK uses for an IP endpoint.
 */
export async function startFakeS3() {
  const objects = new Map<string, Buffer>();
  const requests: SignedRequest[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://s3').pathname;
    requests.push({
      method: req.method ?? '',
      path,
      accessKeyId: /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1],
      sessionToken: req.headers['x-amz-security-token'] as string | undefined,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    if (req.method === 'PUT') {
      objects.set(path, Buffer.concat(chunks));
      res.writeHead(200, { etag: '"fake"' }).end();
      return;
    }
    const object = req.method === 'GET' ? objects.get(path) : undefined;
    if (object !== undefined) {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': object.length }).end(object);
      return;
    }
    res
      .writeHead(404, { 'content-type': 'application/xml' })
      .end(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>none</Message></Error>',
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type FakeS3 = Awaited<ReturnType<typeof startFakeS3>>;
