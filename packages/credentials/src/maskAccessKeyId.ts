/**
 * Masks an access key id for logs and reports: the first 4 and last 4 characters around an ellipsis
 * (`AKIA…WXYZ`). Ids too short to keep 8 characters are masked entirely, so a truncated or odd value
 * never shows more than half of itself.
 */
export function maskAccessKeyId(id: string): string {
  if (typeof id !== 'string' || id.length === 0) return '…';
  if (id.length < 16) return `${id.slice(0, Math.min(4, Math.floor(id.length / 4)))}…`;
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
