/**
 * Masks an access key id for logs and reports: the first 4 and last 4 characters around an ellipsis
 * (`AKIA…WXYZ`). Anything shorter than 16 characters is not a whole key id (a truncated value, a typo,
 * a placeholder) and is masked entirely, so no input ever shows more than half of itself.
 */
export function maskAccessKeyId(id: string): string {
  if (typeof id !== 'string' || id.length < 16) return '…';
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}
