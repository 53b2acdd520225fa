// Test-only: the engine's `keyHash` of an id, computed here for expectations.
import { createHash } from 'node:crypto';

/** The engine's `keyHash` of an id (first 16 hex characters of its SHA-256). */
export function hashOf(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}
