/**
 * `AKIA…WXYZ`: how every report masks a key id, written out here so that expectations do not reuse
 * the code under test.
 */
export function masked(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}
