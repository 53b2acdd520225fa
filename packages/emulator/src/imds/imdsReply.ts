import type { EmulatorResponse } from '../http/EmulatorResponse.js';

const REASONS: Record<number, string> = {
  400: 'Missing or Invalid Parameters',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** IMDS serves everything as text/plain, JSON documents included. */
export function imdsOk(
  body: string,
  format: 'text' | 'json' = 'text',
  headers: Record<string, string> = {},
): EmulatorResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/plain', server: 'EC2ws', ...headers },
    body,
    format,
  };
}

/** IMDS errors are small XHTML documents titled `<status> - <reason>`; SDKs only read the status. */
export function imdsError(status: number, headers: Record<string, string> = {}): EmulatorResponse {
  const title = `${status} - ${REASONS[status] ?? 'Error'}`;
  const body = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
\t"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>${title}</title>
 </head>
 <body>
  <h1>${title}</h1>
 </body>
</html>
`;
  return {
    status,
    headers: { 'content-type': 'text/html', server: 'EC2ws', ...headers },
    body,
    format: 'html',
  };
}

/** The `"Key" : "value"` layout of AWS's own IMDS samples. */
export function imdsJson(members: ReadonlyArray<readonly [string, string]>): string {
  const lines = members.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`);
  return `{\n${lines.join(',\n')}\n}`;
}
