/** The `/s3` prefix every S3 request path carries; `s3` is too short to be a bucket name, so nothing else collides. */
export const S3_PREFIX = '/s3';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** What a path-style S3 path names: a bucket and, for object operations, a key. */
export type S3Target =
  | { bucket: string; key: string }
  | { error: 'InvalidURI' | 'InvalidBucketName' | 'NoBucket' };

/**
 * Splits `/s3/{bucket}/{key}` (path-style, as SDKs send it with `forcePathStyle`) into its decoded
 * bucket and key. The key is everything after the bucket, slashes included; `''` means the bucket itself.
 */
export function parseS3Target(path: string): S3Target {
  const rest = path.slice(S3_PREFIX.length + 1);
  if (rest === '') return { error: 'NoBucket' };
  const slash = rest.indexOf('/');
  const rawBucket = slash === -1 ? rest : rest.slice(0, slash);
  const rawKey = slash === -1 ? '' : rest.slice(slash + 1);
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(rawBucket);
    key = decodeURIComponent(rawKey);
  } catch {
    return { error: 'InvalidURI' };
  }
  if (!BUCKET_NAME.test(bucket)) return { error: 'InvalidBucketName' };
  return { bucket, key };
}
