import { randomBytes, randomInt } from 'node:crypto';

// Key-shaped values made at run time, so nothing that looks like a live key is ever committed.
// Characters are drawn without repetition, so every value clears the scanners' entropy floors
// (and never spells AWS's documented `EXAMPLE` keys, which scanners skip).
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function distinct(alphabet: string, n: number): string {
  const chars = [...alphabet];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.slice(0, n).join('');
}

/** An access key id: `AKIA` (or another prefix, e.g. `ASIA`) + 16 distinct base32 characters. */
export function fakeAccessKeyId(prefix = 'AKIA'): string {
  return prefix + distinct(BASE32, 16);
}

/** A 40-character secret access key in AWS's alphabet, with upper case, lower case and a digit. */
export function fakeSecretAccessKey(): string {
  const body = distinct(BASE64.replace(/[aB7]/g, ''), 37);
  return `a${body.slice(0, 18)}B${body.slice(18)}7`;
}

/** A session token: a few hundred base64 characters after the prefix STS tokens start with. */
export function fakeSessionToken(): string {
  return `IQoJb3JpZ2luX2Vj${randomBytes(240).toString('base64').replace(/=+$/, '')}`;
}

/** Static keys for a client config or a shared credentials file. */
export function fakeStaticKeys(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: fakeAccessKeyId(), secretAccessKey: fakeSecretAccessKey() };
}
