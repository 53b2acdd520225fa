import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import AWS from 'aws-sdk';
import { describe, expect, it } from 'vitest';
import { type ShimCredentials, toShimProvider } from '../provider/toShimProvider.js';
import {
  DEFAULT_V2_EXPIRY_WINDOW_S,
  defineInstanceRoleCredentials,
} from './defineInstanceRoleCredentials.js';
import type { V2CredentialsBaseConstructor } from './V2Credentials.js';
import { V2CredentialsError } from './V2CredentialsError.js';

const Base = AWS.Credentials as unknown as V2CredentialsBaseConstructor;
const HOUR = 3_600_000;

/** A provider that hands out a new set on every fetch after an invalidation, like the real one. */
function rotatingProvider(now: () => number, failWith?: Error) {
  const log: string[] = [];
  let current: ShimCredentials | undefined;
  const fresh = (): ShimCredentials => ({
    accessKeyId: fakeAccessKeyId('ASIA'),
    secretAccessKey: fakeSecretAccessKey(),
    sessionToken: fakeSecretAccessKey(),
    expiration: new Date(now() + HOUR),
    source: 'imds',
  });
  const provider = toShimProvider(
    async () => {
      log.push('fetch');
      if (failWith) throw failWith;
      current ??= fresh();
      return current;
    },
    {
      invalidate: (id) => {
        log.push(`invalidate:${id}`);
        if (id === current?.accessKeyId) current = undefined;
      },
      close: () => {},
    },
  );
  return { log, provider, current: () => current };
}

function adapter(failWith?: Error) {
  let t = 1_800_000_000_000;
  const clock = { now: () => t };
  const source = rotatingProvider(clock.now, failWith);
  const Adapter = defineInstanceRoleCredentials(Base);
  const creds = new Adapter(source.provider, clock) as InstanceType<typeof Adapter> & AWS.Credentials;
  return { creds, source, advance: (ms: number) => (t += ms) };
}

describe(defineInstanceRoleCredentials.name, () => {
  it('subclasses the given AWS.Credentials once, keeping v2’s class name for its error messages', () => {
    const Adapter = defineInstanceRoleCredentials(Base);
    expect(defineInstanceRoleCredentials(Base)).toBe(Adapter);
    expect(Adapter.name).toBe('InstanceRoleCredentials');
    const { creds } = adapter();
    expect(creds).toBeInstanceOf(AWS.Credentials);
  });

  it('loads from the provider on first get and serves from itself until the expiry window', async () => {
    const { creds, source, advance } = adapter();
    expect(creds.needsRefresh()).toBe(true);
    await creds.getPromise();
    expect(creds.accessKeyId).toBe(source.current()?.accessKeyId);
    expect(creds.secretAccessKey).toBe(source.current()?.secretAccessKey);
    expect(creds.sessionToken).toBe(source.current()?.sessionToken);
    expect(creds.expireTime).toEqual(source.current()?.expiration);
    expect(creds.source).toBe('imds');
    expect(creds.expiryWindow).toBe(DEFAULT_V2_EXPIRY_WINDOW_S);
    await creds.getPromise();
    expect(source.log).toEqual(['fetch']);
    advance(HOUR - DEFAULT_V2_EXPIRY_WINDOW_S * 1000 - 1);
    expect(creds.needsRefresh()).toBe(false);
    advance(1);
    expect(creds.needsRefresh()).toBe(true);
  });

  it('coalesces concurrent refreshes into one provider call', async () => {
    const { creds, source } = adapter();
    await Promise.all(Array.from({ length: 20 }, () => creds.getPromise()));
    expect(source.log).toEqual(['fetch']);
  });

  it('turns v2’s `expired = true` (its ExpiredToken handling) into provider.invalidate(accessKeyId)', async () => {
    const { creds, source } = adapter();
    await creds.getPromise();
    const rejected = creds.accessKeyId;
    creds.expired = true;
    expect(source.log).toEqual(['fetch', `invalidate:${rejected}`]);
    expect(creds.needsRefresh()).toBe(true);
    await creds.getPromise();
    expect(creds.accessKeyId).not.toBe(rejected);
    expect(creds.expired).toBe(false);
    creds.expired = false;
    expect(source.log).toHaveLength(3);
  });

  it('passes a provider failure on as a fresh v2-shaped error, leaving the provider’s error untouched', async () => {
    const failure = new Error('no role source answered');
    const { creds } = adapter(failure);
    const first = await creds.getPromise().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(V2CredentialsError);
    expect(first).toMatchObject({ code: 'CredentialsError', message: failure.message, cause: failure });
    expect((first as V2CredentialsError).time).toBeInstanceOf(Date);
    const config = new AWS.Config({ credentials: creds, region: 'us-east-1' });
    const err = await new Promise<AWS.AWSError | null>((resolve) => config.getCredentials((e) => resolve(e)));
    expect(err?.code).toBe('CredentialsError');
    expect(err?.message).toContain('InstanceRoleCredentials');
    expect(err).not.toBe(first);
    // v2 rewrote the message of the error it got; the provider's own error, which a cache may hand to
    // other callers, is unchanged.
    expect(failure.message).toBe('no role source answered');
  });

  it('keeps the secret and the session token out of JSON and util.inspect', async () => {
    const { creds, source } = adapter();
    await creds.getPromise();
    const { inspect } = await import('node:util');
    for (const text of [JSON.stringify(creds), inspect(creds, { depth: 5 })]) {
      expect(text).toContain(creds.accessKeyId);
      expect(text).not.toContain(source.current()?.secretAccessKey);
      expect(text).not.toContain(source.current()?.sessionToken);
    }
  });
});
