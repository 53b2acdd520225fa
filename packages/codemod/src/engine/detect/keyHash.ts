import { createHash } from 'node:crypto';

/** First 16 hex chars of the SHA-256 of the full key id: stable across files, reveals nothing. */
export function keyHash(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}
