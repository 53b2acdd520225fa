import { randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomChars(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** An IAM-user-shaped access key id (`AKIA` + 16 base32 characters), made now and never stored. */
export function fakeAccessKeyId(): string {
  return `AKIA${randomChars(BASE32, 16)}`;
}

/** A 40-character secret access key in AWS's alphabet, made now and never stored. */
export function fakeSecretAccessKey(): string {
  return randomChars(BASE64, 40);
}
