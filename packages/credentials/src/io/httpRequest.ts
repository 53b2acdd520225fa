import { request as httpRequestFn } from 'node:http';
import { request as httpsRequestFn } from 'node:https';
import { HttpTransportError } from './HttpTransportError.js';

/** One HTTP request, as the credential sources need it. */
export interface HttpRequestOptions {
  method: 'GET' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  /** Timeout of this attempt: connect, headers and body together (not a socket idle timeout). */
  timeoutMs: number;
  /** The deadline of the whole fetch this attempt belongs to. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
}

/** The package's network seam: tests of the IMDS client pass a double of this function only. */
export type HttpRequest = (options: HttpRequestOptions) => Promise<HttpResponse>;

// Credential replies are a few hundred bytes; anything this large is not one.
const MAX_BODY_BYTES = 64 * 1024;

/**
 * `node:http(s)` request with a whole-request timeout and an outer deadline. A fresh connection per
 * request (`agent: false`): metadata endpoints are asked once per refresh, and no idle keep-alive
 * socket is left holding the process open.
 */
export const httpRequest: HttpRequest = (options) =>
  new Promise<HttpResponse>((resolve, reject) => {
    const attempt = AbortSignal.timeout(Math.max(1, Math.ceil(options.timeoutMs)));
    const signal = options.signal === undefined ? attempt : AbortSignal.any([options.signal, attempt]);
    const fail = (e: unknown): void => reject(toTransportError(e, options, attempt));
    if (signal.aborted) return fail(signal.reason);
    const url = new URL(options.url);
    const send = url.protocol === 'https:' ? httpsRequestFn : httpRequestFn;
    const req = send(
      url,
      { method: options.method, headers: options.headers, signal, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(
              new HttpTransportError('EBODYTOOLARGE', `response body over ${MAX_BODY_BYTES} bytes`),
            );
          } else chunks.push(chunk);
        });
        res.on('error', fail);
        res.on('end', () => {
          if (!res.complete)
            return fail(new HttpTransportError('ECONNRESET', 'connection closed mid-response'));
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', fail);
    if (options.method === 'PUT') req.end('');
    else req.end();
  });

function toTransportError(e: unknown, options: HttpRequestOptions, attempt: AbortSignal): HttpTransportError {
  if (e instanceof HttpTransportError) return e;
  const where = `${options.method} ${options.url}`;
  if (options.signal?.aborted === true)
    return new HttpTransportError('EDEADLINE', `${where}: fetch deadline passed`);
  if (attempt.aborted)
    return new HttpTransportError(
      'ETIMEDOUT',
      `${where}: no response in ${Math.round(options.timeoutMs)} ms`,
    );
  const code =
    typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'EUNKNOWN';
  const message = e instanceof Error ? e.message : String(e);
  return new HttpTransportError(code, `${where}: ${message}`);
}
