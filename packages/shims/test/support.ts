import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '@keyless/emulator';
import type { Logger } from '@smithy/types';

/** An SDK-style logger that keeps every line, by level. */
export function recordingLogger() {
  const lines: { level: keyof Logger; content: unknown[] }[] = [];
  const at =
    (level: keyof Logger) =>
    (...content: unknown[]) =>
      lines.push({ level, content });
  const logger: Logger = {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return {
    logger,
    lines,
    warnings: () => lines.filter((l) => l.level === 'warn'),
    text: () => JSON.stringify(lines.map((l) => l.content.map(String))),
  };
}

/** The environment of a host whose only role source is the emulator's IMDS. */
export function imdsEnv(emu: Emulator): Record<string, string> {
  // A generous IMDS timeout: the first contact is one attempt, and a busy CI machine can take over 1 s.
  return { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds, AWS_METADATA_SERVICE_TIMEOUT: '5' };
}

/** `AKIA…WXYZ`, computed here rather than by the code under test. */
export function masked(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** The access key id in a SigV4 `Authorization` header. */
export function signingKeyId(headers: IncomingHttpHeaders): string | undefined {
  return /Credential=([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1];
}

/**
 * A stand-in S3 endpoint on 127.0.0.1 that records each request's headers and answers ListBuckets,
 * so a test can see which credentials a real S3Client signed with.
 */
export async function startCaptureServer() {
  const requests: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult><Owner><ID>owner</ID></Owner><Buckets><Bucket><Name>keyless-test</Name></Bucket></Buckets></ListAllMyBucketsResult>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
