import { fakeAccessKeyId, fakeSecretAccessKey, fakeStaticKeys } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';
import { readStaticCredentials } from './readStaticCredentials.js';

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e: unknown) {
    return e as Error;
  }
  throw new Error('expected a throw');
};

describe(readStaticCredentials.name, () => {
  it('returns the keys, with the session token and expiration when present, and nothing else', () => {
    const keys = fakeStaticKeys();
    const expiration = new Date(1_900_000_000_000);
    const token = fakeSecretAccessKey();
    const read = readStaticCredentials({ ...keys, sessionToken: token, expiration, region: 'x' }, 'c');
    expect(read).toEqual({ ...keys, sessionToken: token, expiration });
    expect(read).not.toHaveProperty('region');
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    [
      'both keys undefined (env vars already removed)',
      { accessKeyId: undefined, secretAccessKey: undefined },
    ],
    ['both keys empty', { accessKeyId: '', secretAccessKey: '' }],
    ['an empty object', {}],
  ])('reads %s as "no static keys"', (_label, value) => {
    expect(readStaticCredentials(value, 'config.credentials')).toBeUndefined();
  });

  it('throws a TypeError naming the missing key, and never echoes the one given', () => {
    const secret = fakeSecretAccessKey();
    const e = thrown(() => readStaticCredentials({ secretAccessKey: secret }, 'config.credentials'));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toContain('config.credentials.accessKeyId');
    expect(e.message).not.toContain(secret);

    const id = fakeAccessKeyId();
    const e2 = thrown(() => readStaticCredentials({ accessKeyId: id }, 'init.staticCredentials'));
    expect(e2.message).toContain('init.staticCredentials.secretAccessKey');
    expect(e2.message).not.toContain(id);
  });

  it.each([
    ['a string', 'not-an-object'],
    ['a number', 42],
    ['keys that are not strings', { accessKeyId: 1, secretAccessKey: 2 }],
    ['a session token that is not a string', { ...fakeStaticKeys(), sessionToken: 5 }],
    ['an invalid expiration', { ...fakeStaticKeys(), expiration: new Date(Number.NaN) }],
    ['an expiration that is not a Date', { ...fakeStaticKeys(), expiration: '2030-01-01' }],
  ])('rejects %s with a TypeError', (_label, value) => {
    expect(() => readStaticCredentials(value, 'c')).toThrow(TypeError);
  });
});
