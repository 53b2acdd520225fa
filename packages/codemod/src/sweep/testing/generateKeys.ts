// Test-only: key-shaped values made at run time, so no key-like string is ever committed.
import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/**
 * A fresh `AKIA…` id of the live shape (16 random base32 characters), redrawn until its entropy
 * is clearly above the scanners' floor of 3 bits, as real ids are.
 */
export function generateKeyId(prefix = 'AKIA'): string {
  for (;;) {
    const id = prefix + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
    if (entropy(id) >= 3.5 && !id.includes('EXAMPLE')) return id;
  }
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
