import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';

/** The Query-protocol parameters of an STS call: the query string plus a form-encoded body. */
export function stsParams(req: EmulatorRequest): URLSearchParams {
  const params = new URLSearchParams(req.query);
  const contentType = headerValue(req.headers, 'content-type') ?? '';
  if (req.method === 'POST' && contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) params.append(k, v);
  }
  return params;
}

/** The `Action` an STS request names, if any. */
export function stsAction(req: EmulatorRequest): string | undefined {
  return stsParams(req).get('Action') ?? undefined;
}
