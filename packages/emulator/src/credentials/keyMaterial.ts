import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE32[(bytes[i] ?? 0) % 32];
  return out;
}

/** A temporary access key id: `ASIA` and 16 base32 characters, like the ones STS hands out. */
export function newAccessKeyId(): string {
  return `ASIA${base32(randomBytes(16), 16)}`;
}

/** A 40-character secret in the alphabet AWS uses (base64 without padding). */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** A session token of realistic length (real ones run to several hundred characters). */
export function newSessionToken(): string {
  return randomBytes(360).toString('base64');
}

/** An opaque IMDSv2 session token, shaped like the real ~56-character base64 tokens. */
export function newImdsToken(): string {
  return randomBytes(42).toString('base64');
}

/** A stable IAM unique id (`AROA…` for roles) derived from a name, so repeated calls agree. */
export function stableId(prefix: string, name: string): string {
  return `${prefix}${base32(createHash('sha256').update(name).digest(), 17)}`;
}

/** An EC2 instance id, `i-` and 17 hex digits. */
export function newInstanceId(): string {
  return `i-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** A request id in the UUID form AWS services return. */
export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}
