import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import { xmlElements } from '../sts/stsXml.js';

const NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The status S3 sends with each error code the emulator can answer. */
const STATUS: Record<string, number> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  EntityTooLarge: 400,
  ExpiredToken: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidBucketName: 400,
  InvalidRequest: 400,
  InvalidToken: 400,
  MethodNotAllowed: 405,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NotImplemented: 501,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
  SlowDown: 503,
  XAmzContentSHA256Mismatch: 400,
};

function xml(status: number, body: string, requestId: string, extra: Record<string, string> = {}) {
  const response: EmulatorResponse = {
    status,
    headers: { 'content-type': 'application/xml', 'x-amz-request-id': requestId, ...extra },
    body: `${DECLARATION}${body}\n`,
    format: 'xml',
  };
  return response;
}

/** An S3 `<Error>` document; unknown codes are client errors (400) unless a status is given. */
export function s3Error(
  code: string,
  message: string,
  requestId: string,
  options: { status?: number; resource?: string; headers?: Record<string, string> } = {},
): EmulatorResponse {
  const status = options.status ?? STATUS[code] ?? 400;
  const body = `<Error>${xmlElements({ Code: code, Message: message, Resource: options.resource, RequestId: requestId })}</Error>`;
  return xml(status, body, requestId, options.headers);
}

/** One entry of a listing. */
interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/** What ListObjectsV2 answers with, after the handler applied prefix, start and limit. */
export interface ListResult {
  bucket: string;
  prefix: string;
  maxKeys: number;
  objects: readonly ListedObject[];
  /** Set when more keys follow; the client passes it back as `continuation-token`. */
  nextContinuationToken?: string;
  continuationToken?: string;
  startAfter?: string;
  /** `url` when keys and prefix are URL-encoded (the client asked with `encoding-type=url`). */
  encodingType?: string;
}

/** A `ListBucketResult` (ListObjectsV2) document. */
export function listObjectsV2Result(list: ListResult, requestId: string): EmulatorResponse {
  const contents = list.objects
    .map(
      (o) =>
        `<Contents>${xmlElements({
          Key: o.key,
          LastModified: o.lastModified.toISOString(),
          ETag: o.etag,
          Size: o.size,
          StorageClass: 'STANDARD',
        })}</Contents>`,
    )
    .join('');
  const body =
    `<ListBucketResult xmlns="${NAMESPACE}">` +
    xmlElements({
      Name: list.bucket,
      Prefix: list.prefix,
      KeyCount: list.objects.length,
      MaxKeys: list.maxKeys,
      IsTruncated: String(list.nextContinuationToken !== undefined),
      ContinuationToken: list.continuationToken,
      NextContinuationToken: list.nextContinuationToken,
      StartAfter: list.startAfter,
      EncodingType: list.encodingType,
    }) +
    `${contents}</ListBucketResult>`;
  return xml(200, body, requestId);
}
