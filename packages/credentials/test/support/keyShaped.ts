import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A key-shaped access key id built at run time (never a literal in the repository). */
export function accessKeyIdShaped(prefix = 'AKIA'): string {
  return prefix + Array.from(randomBytes(16), (b) => BASE32[b % 32]).join('');
}

/** A 40-character secret-shaped value built at run time. */
export function secretShaped(): string {
  return randomBytes(30).toString('base64');
}
