import { createHash } from 'node:crypto';

/**
 * Masks an access key id for display: the first 4 and last 4 characters around an ellipsis
 * (`AKIA…WXYZ`). Anything 8 characters or shorter is fully masked, so no input is echoed whole.
 */
export function maskKeyId(id: string): string {
  if (id.length <= 8) return '…';
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

/** First 16 hex chars of the SHA-256 of the full key id: stable across files, reveals nothing. */
export function keyHash(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 16);
}
