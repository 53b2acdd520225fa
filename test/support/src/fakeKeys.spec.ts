import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from './fakeKeys.js';

describe(fakeAccessKeyId.name, () => {
  it('makes a fresh id of the live shape each time, with the prefix asked for', () => {
    const ids = new Set(Array.from({ length: 50 }, () => fakeAccessKeyId()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(fakeAccessKeyId('ASIA')).toMatch(/^ASIA[A-Z2-7]{16}$/);
  });
});

describe(fakeSecretAccessKey.name, () => {
  it('makes 40 characters of the secret alphabet with upper case, lower case and a digit', () => {
    for (let i = 0; i < 50; i++) {
      const secret = fakeSecretAccessKey();
      expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
      expect(secret).toMatch(/[a-z]/);
      expect(secret).toMatch(/[A-Z]/);
      expect(secret).toMatch(/[0-9]/);
    }
  });
});

describe(fakeSessionToken.name, () => {
  it('makes a long base64 token, different each time', () => {
    const token = fakeSessionToken();
    expect(token).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/]{300,}$/);
    expect(fakeSessionToken()).not.toBe(token);
  });
});
