import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import type { S3Object, S3Store } from './S3Store.js';
import { listObjectsV2Result, s3Error } from './s3Xml.js';

const OBJECT_PARAMS = new Set(['x-id']);
const LIST_PARAMS = new Set([
  'x-id',
  'list-type',
  'prefix',
  'max-keys',
  'continuation-token',
  'start-after',
  'fetch-owner',
  'encoding-type',
]);
const MAX_KEYS = 1000;

function empty(status: number, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers, body: '', format: 'text' };
}

/** A query parameter this minimal S3 does not implement (a subresource such as `?tagging`, or `delimiter`). */
function unsupported(req: EmulatorRequest, allowed: ReadonlySet<string>, requestId: string) {
  const name = [...req.query.keys()].find((k) => !allowed.has(k));
  if (name === undefined) return undefined;
  return s3Error('NotImplemented', `The emulator's S3 does not support the ${name} parameter.`, requestId, {
    resource: req.path,
  });
}

function objectHeaders(object: S3Object): Record<string, string> {
  return {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
  };
}

/** PutObject, GetObject, HeadObject and DeleteObject on one key. */
export function serveObject(
  req: EmulatorRequest,
  store: S3Store,
  target: { bucket: string; key: string },
  requestId: string,
): EmulatorResponse {
  const refused = unsupported(req, OBJECT_PARAMS, requestId);
  if (refused !== undefined) return refused;
  const { bucket, key } = target;
  const resource = req.path;
  switch (req.method) {
    case 'PUT': {
      const contentType = headerValue(req.headers, 'content-type') ?? 'binary/octet-stream';
      const stored = store.put(bucket, key, req.body, contentType);
      if (stored === undefined) {
        return s3Error(
          'EntityTooLarge',
          `The emulator's S3 holds at most ${store.maxBytes} bytes in all; delete objects first.`,
          requestId,
          { resource },
        );
      }
      return empty(200, { etag: stored.etag, 'x-amz-request-id': requestId });
    }
    case 'GET':
    case 'HEAD': {
      if (headerValue(req.headers, 'range') !== undefined)
        return s3Error('NotImplemented', "The emulator's S3 does not serve ranges.", requestId, { resource });
      const object = store.get(bucket, key);
      if (object === undefined)
        return s3Error('NoSuchKey', 'The specified key does not exist.', requestId, { resource });
      return {
        status: 200,
        headers: { ...objectHeaders(object), 'x-amz-request-id': requestId },
        body: object.body,
        format: 'text',
      };
    }
    case 'DELETE':
      store.delete(bucket, key);
      return empty(204, { 'x-amz-request-id': requestId });
    default:
      return s3Error('MethodNotAllowed', `${req.method} is not allowed on an object.`, requestId, {
        resource,
      });
  }
}

/** Every bucket exists: HEAD, PUT (create) and DELETE succeed, and GET is ListObjectsV2. */
export function serveBucket(
  req: EmulatorRequest,
  store: S3Store,
  bucket: string,
  requestId: string,
): EmulatorResponse {
  const resource = req.path;
  if (req.method === 'HEAD' || req.method === 'PUT' || req.method === 'DELETE') {
    const refused = unsupported(req, OBJECT_PARAMS, requestId);
    if (refused !== undefined) return refused;
    return empty(req.method === 'DELETE' ? 204 : 200, { 'x-amz-request-id': requestId });
  }
  if (req.method !== 'GET')
    return s3Error('MethodNotAllowed', `${req.method} is not allowed on a bucket.`, requestId, { resource });
  const refused = unsupported(req, LIST_PARAMS, requestId);
  if (refused !== undefined) return refused;
  if (req.query.get('list-type') !== '2')
    return s3Error('NotImplemented', 'The emulator serves ListObjectsV2 only (list-type=2).', requestId, {
      resource,
    });
  const maxKeysText = req.query.get('max-keys');
  const maxKeys = maxKeysText === null ? MAX_KEYS : Number(maxKeysText);
  if (!Number.isSafeInteger(maxKeys) || maxKeys < 0)
    return s3Error('InvalidArgument', 'max-keys must be a non-negative integer.', requestId, { resource });
  const prefix = req.query.get('prefix') ?? '';
  const token = req.query.get('continuation-token') ?? undefined;
  const startAfter = req.query.get('start-after') ?? undefined;
  // The continuation token is the last key returned, base64url-encoded: opaque to clients, as in S3.
  const after = token !== undefined ? Buffer.from(token, 'base64url').toString() : startAfter;
  const keys = store
    .keys(bucket, prefix)
    .filter((k) => after === undefined || Buffer.compare(Buffer.from(k), Buffer.from(after)) > 0);
  const page = keys.slice(0, Math.min(maxKeys, MAX_KEYS));
  const last = page.at(-1);
  const urlEncoded = req.query.get('encoding-type') === 'url';
  const encode = (text: string) => (urlEncoded ? encodeURIComponent(text) : text);
  const objects = page.flatMap((key) => {
    const object = store.get(bucket, key);
    return object === undefined
      ? []
      : [
          {
            key: encode(key),
            size: object.body.length,
            etag: object.etag,
            lastModified: object.lastModified,
          },
        ];
  });
  return listObjectsV2Result(
    {
      bucket,
      prefix: encode(prefix),
      maxKeys,
      objects,
      ...(keys.length > page.length && last !== undefined
        ? { nextContinuationToken: Buffer.from(last).toString('base64url') }
        : {}),
      ...(token !== undefined && { continuationToken: token }),
      ...(startAfter !== undefined && { startAfter: encode(startAfter) }),
      ...(urlEncoded && { encodingType: 'url' }),
    },
    requestId,
  );
}
