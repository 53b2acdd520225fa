import type { EmulatorResponse } from '../http/EmulatorResponse.js';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Escapes text for an XML element body. */
function xmlText(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders `{ Name: value }` as elements; nested objects become nested elements, undefined is skipped. */
export function xmlElements(
  members: Record<string, string | number | Record<string, unknown> | undefined>,
): string {
  let out = '';
  for (const [name, value] of Object.entries(members)) {
    if (value === undefined) continue;
    const inner =
      typeof value === 'object'
        ? xmlElements(value as Record<string, string | undefined>)
        : xmlText(String(value));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

function xmlResponse(status: number, body: string, requestId: string): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
    format: 'xml',
  };
}

/** A successful Query-protocol reply: `<{Action}Response><{Action}Result>…` plus the request id. */
export function stsResult(action: string, result: string, requestId: string): EmulatorResponse {
  const body =
    `<${action}Response xmlns="${NAMESPACE}">\n` +
    `  <${action}Result>${result}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`;
  return xmlResponse(200, body, requestId);
}

/** Status and fault type STS uses for each error code it sends. */
const ERRORS: Record<string, { status: number; type: 'Sender' | 'Receiver' }> = {
  AccessDenied: { status: 403, type: 'Sender' },
  ExpiredToken: { status: 400, type: 'Sender' },
  ExpiredTokenException: { status: 400, type: 'Sender' },
  IDPCommunicationError: { status: 400, type: 'Sender' },
  IDPRejectedClaim: { status: 403, type: 'Sender' },
  IncompleteSignature: { status: 400, type: 'Sender' },
  InternalFailure: { status: 500, type: 'Receiver' },
  InvalidAction: { status: 400, type: 'Sender' },
  InvalidClientTokenId: { status: 403, type: 'Sender' },
  InvalidIdentityToken: { status: 400, type: 'Sender' },
  MalformedPolicyDocument: { status: 400, type: 'Sender' },
  MissingAction: { status: 400, type: 'Sender' },
  MissingAuthenticationToken: { status: 403, type: 'Sender' },
  PackedPolicyTooLarge: { status: 400, type: 'Sender' },
  RegionDisabledException: { status: 403, type: 'Sender' },
  ServiceUnavailable: { status: 503, type: 'Receiver' },
  SignatureDoesNotMatch: { status: 403, type: 'Sender' },
  Throttling: { status: 400, type: 'Sender' },
  ValidationError: { status: 400, type: 'Sender' },
  XAmzContentSHA256Mismatch: { status: 400, type: 'Sender' },
};

/** An `ErrorResponse` as STS sends it; unknown codes are client errors (400, `Sender`). */
export function stsError(
  code: string,
  message: string,
  requestId: string,
  status?: number,
): EmulatorResponse {
  const known = ERRORS[code] ?? { status: 400, type: 'Sender' };
  const httpStatus = status ?? known.status;
  const type = httpStatus >= 500 ? 'Receiver' : known.type;
  const body =
    `<ErrorResponse xmlns="${NAMESPACE}">\n` +
    `  <Error>${xmlElements({ Type: type, Code: code, Message: message })}</Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`;
  return xmlResponse(httpStatus, body, requestId);
}
