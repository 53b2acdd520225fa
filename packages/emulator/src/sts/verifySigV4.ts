import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Clock } from '../Clock.js';
import type { CredentialSet } from '../credentials/CredentialSet.js';
import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';

/**
 * The signer's verdict: the set that signed the request, or the STS error code and message to send
 * (with the access key id the request named, when it named one, so a caller can tell unknown keys apart).
 */
export type Verification =
  | { ok: true; set: CredentialSet }
  | { ok: false; code: string; message: string; accessKeyId?: string };

/** The services whose requests the emulator verifies. */
export type SignedService = 'sts' | 's3';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The access key id a SigV4 `Authorization` header names, without checking anything else. */
export function claimedAccessKeyId(authorization: string | undefined): string | undefined {
  const credential = AUTHORIZATION.exec(authorization?.trim() ?? '')?.[1];
  return credential?.split('/')[0];
}

function fail(code: string, message: string, accessKeyId?: string): Verification {
  return { ok: false, code, message, ...(accessKeyId !== undefined && { accessKeyId }) };
}

/**
 * Verifies a SigV4-signed request against the credentials the emulator issued: it re-signs the
 * received request with the issued secret (using the SDK's own signer) and compares. Checks run in
 * the order that gives the same error STS gives: unknown key or token, then expiry, then signature.
 * S3 signs the path exactly as sent (no second URI encoding), which `service: 's3'` switches to.
 */
export async function verifySigV4(
  req: EmulatorRequest,
  find: (accessKeyId: string) => CredentialSet | undefined,
  clock: Clock,
  expectedService: SignedService = 'sts',
): Promise<Verification> {
  const authorization = headerValue(req.headers, 'authorization');
  if (authorization === undefined)
    return fail('MissingAuthenticationToken', 'Request is missing Authentication Token');
  const parsed = AUTHORIZATION.exec(authorization.trim());
  if (parsed === null) {
    return fail(
      'IncompleteSignature',
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters with the AWS4-HMAC-SHA256 algorithm.",
    );
  }
  const [, credential = '', signedHeaderList = '', signature = ''] = parsed;
  const [accessKeyId = '', scopeDate = '', region = '', service = '', terminator] = credential.split('/');
  if (terminator !== 'aws4_request' || credential.split('/').length !== 5) {
    return fail(
      'IncompleteSignature',
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.',
    );
  }
  if (service !== expectedService)
    return fail(
      'SignatureDoesNotMatch',
      `Credential should be scoped to correct service: '${expectedService}'.`,
      accessKeyId,
    );
  const set = find(accessKeyId);
  if (set === undefined || headerValue(req.headers, 'x-amz-security-token') !== set.sessionToken) {
    return fail(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      accessKeyId,
    );
  }
  if (clock.now() >= set.expiration.getTime()) {
    return fail('ExpiredToken', 'The security token included in the request is expired', accessKeyId);
  }
  const amzDate = headerValue(req.headers, 'x-amz-date') ?? '';
  const date = AMZ_DATE.exec(amzDate);
  if (date === null)
    return fail(
      'IncompleteSignature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  if (!amzDate.startsWith(scopeDate)) {
    return fail(
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}'`,
    );
  }
  const claimedHash = headerValue(req.headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== 'UNSIGNED-PAYLOAD') {
    if (claimedHash !== createHash('sha256').update(req.body).digest('hex')) {
      return fail(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
      );
    }
  }
  const signedHeaders = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = headerValue(req.headers, name);
    if (value === undefined)
      return fail('SignatureDoesNotMatch', `The request signed header '${name}' which it did not send.`);
    headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(req.query.keys())) {
    const values = req.query.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  const signer = new SignatureV4({
    credentials: set,
    region,
    service,
    sha256: Sha256,
    applyChecksum: false,
    uriEscapePath: service !== 's3',
  });
  const [, y, mo, d, h, mi, s] = date.map(Number);
  const signingDate = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s));
  const resigned = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: 'emulator',
      path: req.path,
      query,
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(resigned.headers.authorization ?? '')?.[1] ?? '';
  const expectedList = /SignedHeaders=([^,]+),/.exec(resigned.headers.authorization ?? '')?.[1];
  const same =
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
  if (expectedList !== signedHeaderList || !same) {
    return fail(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { ok: true, set };
}
