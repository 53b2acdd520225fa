import type { Clock } from '../Clock.js';
import type { CredentialStore } from '../credentials/CredentialStore.js';
import { newRequestId } from '../credentials/keyMaterial.js';
import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import { verifySigV4 } from '../sts/verifySigV4.js';
import { parseS3Target } from './parseS3Target.js';
import type { S3Store } from './S3Store.js';
import { s3Error } from './s3Xml.js';
import { serveBucket, serveObject } from './serveS3Operation.js';

export interface S3State {
  /** Where the credentials that may sign S3 requests were issued. */
  credentials: CredentialStore;
  objects: S3Store;
  clock: Clock;
}

/** The S3 codes for the verifier's STS-style verdicts. */
const S3_CODES: Record<string, string> = {
  MissingAuthenticationToken: 'AccessDenied',
  IncompleteSignature: 'AuthorizationHeaderMalformed',
  ExpiredToken: 'ExpiredToken',
  SignatureDoesNotMatch: 'SignatureDoesNotMatch',
  XAmzContentSHA256Mismatch: 'XAmzContentSHA256Mismatch',
};

const HEX_SHA256 = /^[0-9a-f]{64}$/;

/**
 * Serves a minimal S3 (PutObject, GetObject, HeadObject, DeleteObject, ListObjectsV2) under `/s3`.
 * Every request must be SigV4-signed for `s3` with a set this emulator issued; errors are S3 `<Error>`
 * documents. `code` (from a fault) answers with that error code once the signature checks out.
 */
export async function handleS3(
  req: EmulatorRequest,
  state: S3State,
  code?: string,
): Promise<EmulatorResponse> {
  const requestId = newRequestId();
  const resource = req.path;
  const payloadHash = headerValue(req.headers, 'x-amz-content-sha256');
  if (headerValue(req.headers, 'authorization') !== undefined) {
    if (payloadHash === undefined) {
      return s3Error(
        'InvalidRequest',
        'Missing required header for this request: x-amz-content-sha256',
        requestId,
        {
          resource,
        },
      );
    }
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && !HEX_SHA256.test(payloadHash)) {
      // aws-chunked uploads (STREAMING-…) send the body in signed chunks, which the emulator does not decode.
      return s3Error(
        'NotImplemented',
        `The emulator's S3 does not accept x-amz-content-sha256: ${payloadHash}`,
        requestId,
        {
          resource,
        },
      );
    }
  }
  const verdict = await verifySigV4(req, (id) => state.credentials.find(id), state.clock, 's3');
  if (!verdict.ok) {
    const s3Code =
      verdict.code === 'InvalidClientTokenId'
        ? state.credentials.find(verdict.accessKeyId ?? '') === undefined
          ? 'InvalidAccessKeyId'
          : 'InvalidToken'
        : (S3_CODES[verdict.code] ?? verdict.code);
    return s3Error(s3Code, messageOf(s3Code, verdict.message), requestId, { resource });
  }
  if (code !== undefined)
    return s3Error(code, `The emulator was told to answer with ${code}.`, requestId, { resource });
  const target = parseS3Target(req.path);
  if ('error' in target) {
    if (target.error === 'NoBucket')
      return s3Error('NotImplemented', 'The emulator does not serve ListBuckets; name a bucket.', requestId, {
        resource,
      });
    const message =
      target.error === 'InvalidURI'
        ? 'Could not parse the specified URI.'
        : 'The specified bucket is not valid.';
    return s3Error(target.error, message, requestId, { resource });
  }
  return target.key === ''
    ? serveBucket(req, state.objects, target.bucket, requestId)
    : serveObject(req, state.objects, target, requestId);
}

/** S3's own wording where it differs from STS's. */
function messageOf(code: string, stsMessage: string): string {
  switch (code) {
    case 'AccessDenied':
      return 'Anonymous requests are not served: sign the request with credentials the emulator issued.';
    case 'InvalidAccessKeyId':
      return 'The AWS Access Key Id you provided does not exist in our records.';
    case 'InvalidToken':
      return 'The provided token is malformed or otherwise invalid.';
    case 'ExpiredToken':
      return 'The provided token has expired.';
    default:
      return stsMessage;
  }
}
