import { describe, expect, it } from 'vitest';
import { EXPIRED_TOKEN_CODES, expiredTokenCode, isExpiredTokenError } from './isExpiredTokenError.js';

describe(isExpiredTokenError.name, () => {
  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId'])(
    'recognises %s as a v3 exception name, a query-protocol Code and a v2 code',
    (c) => {
      const v3 = Object.assign(new Error('rejected'), { name: c });
      expect(isExpiredTokenError(v3)).toBe(true);
      expect(expiredTokenCode({ Code: c })).toBe(c);
      expect(expiredTokenCode({ code: c, name: 'Error' })).toBe(c);
    },
  );

  it('lists exactly the four codes the shims recover from', () => {
    expect([...EXPIRED_TOKEN_CODES].sort()).toEqual(
      ['ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'RequestExpired'].sort(),
    );
    expect(Object.isFrozen(EXPIRED_TOKEN_CODES)).toBe(true);
  });

  it.each([
    ['another service error', Object.assign(new Error('x'), { name: 'AccessDenied' })],
    ['a signature error', { name: 'SignatureDoesNotMatch', Code: 'SignatureDoesNotMatch' }],
    ['a code in the wrong case', { name: 'expiredtoken' }],
    ['a plain Error', new Error('ExpiredToken')],
    ['a string', 'ExpiredToken'],
    ['null', null],
    ['undefined', undefined],
  ])('does not match %s', (_label, value) => {
    expect(isExpiredTokenError(value)).toBe(false);
    expect(expiredTokenCode(value)).toBeUndefined();
  });
});
