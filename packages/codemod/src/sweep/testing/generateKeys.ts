// Test-only: key-shaped values made at run time, so no key-like string is ever committed.
import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh `AKIA…` id of the live shape (16 random base32 characters, no `EXAMPLE`). */
export function generateKeyId(prefix = 'AKIA'): string {
  const bytes = randomBytes(16);
  let id = prefix;
  for (const b of bytes) id += BASE32[b % 32];
  return id;
}

/** A fresh 40-character secret with mixed case and a digit, like the ones IAM hands out. */
export function generateSecret(): string {
  for (;;) {
    const s = randomBytes(30).toString('base64');
    if (/[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
  }
}

/** The engine's `keyHash` of an id, for expectations. */
export function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}
