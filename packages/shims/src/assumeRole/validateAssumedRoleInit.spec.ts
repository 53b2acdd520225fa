import { describe, expect, it } from 'vitest';
import { AssumedRoleCache } from './AssumedRoleCache.js';
import type { FromAssumedRoleInit } from './FromAssumedRoleInit.js';
import { validateAssumedRoleInit } from './validateAssumedRoleInit.js';

const valid: FromAssumedRoleInit = {
  roleArn: 'arn:aws:iam::111122223333:role/path/tenant-a',
  roleSessionName: 'api@web-1',
};

describe(validateAssumedRoleInit.name, () => {
  it('accepts well-formed options in every partition', () => {
    expect(() => validateAssumedRoleInit(valid)).not.toThrow();
    expect(() =>
      validateAssumedRoleInit({
        ...valid,
        roleArn: 'arn:aws-us-gov:iam::111122223333:role/r',
        externalId: 'tenant:42/x',
        durationSeconds: 900,
        maxRoles: 3,
        clientConfig: { region: 'us-gov-west-1' },
        source: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      }),
    ).not.toThrow();
    const cache = new AssumedRoleCache({ maxRoles: 4 });
    expect(() => validateAssumedRoleInit({ ...valid, cache, maxRoles: 4 })).not.toThrow();
  });

  it.each<[string, Partial<FromAssumedRoleInit> | Record<string, unknown>, string]>([
    ['a user ARN', { roleArn: 'arn:aws:iam::111122223333:user/bob' }, 'roleArn'],
    ['a short account', { roleArn: 'arn:aws:iam::1111:role/r' }, 'roleArn'],
    ['a missing roleArn', { roleArn: undefined }, 'roleArn'],
    ['a one-letter session name', { roleSessionName: 'a' }, 'roleSessionName'],
    ['a session name with spaces', { roleSessionName: 'my session' }, 'roleSessionName'],
    ['a session name of 65 chars', { roleSessionName: 'a'.repeat(65) }, 'roleSessionName'],
    ['a duration below 900', { durationSeconds: 899 }, 'durationSeconds'],
    ['a duration above 43200', { durationSeconds: 43_201 }, 'durationSeconds'],
    ['a fractional duration', { durationSeconds: 1000.5 }, 'durationSeconds'],
    ['a source that is not a function', { source: {} }, 'source'],
    ['clientConfig.credentials', { clientConfig: { credentials: { accessKeyId: 'a' } } }, 'source'],
    ['a cache of the wrong type', { cache: new Map() }, 'cache'],
    ['maxRoles 0', { maxRoles: 0 }, 'maxRoles'],
    [
      'maxRoles that differs from the cache',
      { maxRoles: 2, cache: new AssumedRoleCache({ maxRoles: 3 }) },
      'maxRoles',
    ],
  ])('rejects %s with a TypeError naming the option', (_label, patch, option) => {
    expect(() => validateAssumedRoleInit({ ...valid, ...patch } as FromAssumedRoleInit)).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining(option) }),
    );
  });

  it('rejects a malformed external id without echoing it', () => {
    const externalId = 'secret shared value';
    try {
      validateAssumedRoleInit({ ...valid, externalId });
      expect.unreachable();
    } catch (e: unknown) {
      expect(e).toBeInstanceOf(TypeError);
      expect((e as Error).message).toContain('externalId');
      expect((e as Error).message).not.toContain(externalId);
    }
  });

  it('rejects a missing init', () => {
    expect(() => validateAssumedRoleInit(undefined as unknown as FromAssumedRoleInit)).toThrow(TypeError);
  });
});
