import type { AwsCredentialIdentity } from '@smithy/types';

const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';

/**
 * Reads static keys out of a client config's `credentials` (or a v2 `new AWS.Credentials(...)`
 * argument) without ever echoing a value.
 *
 * Both keys absent or empty is not an error but "no static keys": it is what
 * `{ accessKeyId: process.env.AWS_ACCESS_KEY_ID, ... }` gives on a host that has already dropped its
 * keys, exactly where a role should take over. One key without the other, or keys that are not
 * strings, are a bug in the app and throw a `TypeError` naming the field.
 *
 * @returns the keys, or `undefined` when there are none.
 */
export function readStaticCredentials(value: unknown, where: string): AwsCredentialIdentity | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object') {
    throw new TypeError(
      `${where} must be an object with accessKeyId and secretAccessKey, a credentials provider function, or undefined; got ${typeof value}`,
    );
  }
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = value as Record<string, unknown>;
  if (isBlank(accessKeyId) && isBlank(secretAccessKey)) return undefined;
  for (const [name, v] of [
    ['accessKeyId', accessKeyId],
    ['secretAccessKey', secretAccessKey],
  ] as const) {
    if (typeof v !== 'string' || v === '') {
      const got = isBlank(v) ? 'it is missing' : `got ${typeof v}`;
      throw new TypeError(`${where}.${name} must be a non-empty string when the other key is set; ${got}`);
    }
  }
  if (!isBlank(sessionToken) && typeof sessionToken !== 'string') {
    throw new TypeError(`${where}.sessionToken must be a string when set; got ${typeof sessionToken}`);
  }
  if (expiration !== undefined && !(expiration instanceof Date && Number.isFinite(expiration.getTime()))) {
    throw new TypeError(`${where}.expiration must be a valid Date when set`);
  }
  return {
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    ...(typeof sessionToken === 'string' && sessionToken !== '' && { sessionToken }),
    ...(expiration instanceof Date && { expiration }),
  };
}
