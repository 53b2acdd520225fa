import type { IncomingHttpHeaders } from 'node:http';

/** A request after the server read it: path and query split, body fully read (and size-capped). */
export interface EmulatorRequest {
  method: string;
  /** The path without the query string, exactly as sent. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One header as a single string: repeated headers are joined the way Node joins them. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
