import { randomBytes, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * An access key id and secret that look real to a scanner, made from random bytes at run time: no
 * key-shaped string is ever written into this repository.
 */
export function keyShapedPair(): { accessKeyId: string; secretAccessKey: string } {
  const tail = Array.from({ length: 16 }, () => BASE32[randomInt(BASE32.length)]).join('');
  return {
    accessKeyId: ['AK', 'IA', tail].join(''),
    secretAccessKey: randomBytes(30).toString('base64'),
  };
}
