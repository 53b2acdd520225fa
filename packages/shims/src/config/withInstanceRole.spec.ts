import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { fakeStaticKeys } from '@keyless/test-support';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { isShimProvider, type ShimProvider } from '../provider/toShimProvider.js';
import {
  type WithInstanceRoleConfig,
  type WithInstanceRoleInit,
  withInstanceRole,
} from './withInstanceRole.js';

// No role source is reachable from these options, and nothing here calls the provider.
const init: WithInstanceRoleInit = { env: {}, sources: [], prefetch: false };
const opened: ShimProvider[] = [];
const wrap = <C extends object>(config: C) => {
  const wrapped = withInstanceRole(config, init);
  opened.push(wrapped.credentials);
  return wrapped;
};
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

describe(withInstanceRole.name, () => {
  it('keeps each client’s config type, with credentials replaced', () => {
    const s3Config: S3ClientConfig = { region: 'us-east-1', forcePathStyle: true };
    const s3 = wrap(s3Config);
    expectTypeOf(s3).toExtend<S3ClientConfig>();
    expectTypeOf(s3).toEqualTypeOf<WithInstanceRoleConfig<S3ClientConfig>>();
    expectTypeOf(s3.forcePathStyle).toEqualTypeOf<S3ClientConfig['forcePathStyle']>();
    expectTypeOf(s3.region).toEqualTypeOf<S3ClientConfig['region']>();
    expectTypeOf(s3.credentials).toEqualTypeOf<ShimProvider>();

    const stsConfig: STSClientConfig = { region: 'eu-west-1', useGlobalEndpoint: false };
    const sts = wrap(stsConfig);
    expectTypeOf(sts).toExtend<STSClientConfig>();
    expectTypeOf(sts.useGlobalEndpoint).toEqualTypeOf<STSClientConfig['useGlobalEndpoint']>();
    expectTypeOf(sts.credentials).toEqualTypeOf<ShimProvider>();

    // Inline literals keep their own property types, and every client accepts the result.
    const inline = wrap({ region: 'us-west-2', maxAttempts: 5, credentials: fakeStaticKeys() });
    expectTypeOf(inline.maxAttempts).toEqualTypeOf<number>();
    expectTypeOf(inline).not.toHaveProperty('accessKeyId');
    new S3Client(inline).destroy();
    new STSClient(inline).destroy();
    new S3Client(wrap({})).destroy();

    // A wrong field stays wrong: the wrapper does not widen the config into something clients accept.
    const wrong = wrap({ region: 42 });
    // @ts-expect-error region must be a string or a provider of one
    new S3Client(wrong).destroy();
  });

  it('returns a copy: same prototype and own properties, getters not invoked, input untouched', () => {
    class Config {
      region = 'us-east-1';
    }
    const keys = fakeStaticKeys();
    const config = Object.assign(new Config(), { credentials: keys, tag: Symbol('t') });
    let reads = 0;
    Object.defineProperty(config, 'lazy', { get: () => ++reads, enumerable: true });
    const frozenBefore = { ...config };
    const readsBefore = reads;

    const wrapped = wrap(config);
    expect(Object.getPrototypeOf(wrapped)).toBe(Config.prototype);
    expect(reads).toBe(readsBefore);
    expect(Object.getOwnPropertyDescriptor(wrapped, 'lazy')?.get).toBeTypeOf('function');
    expect(wrapped.region).toBe('us-east-1');
    expect(wrapped.tag).toBe(config.tag);
    expect(isShimProvider(wrapped.credentials)).toBe(true);
    expect(Object.keys(wrapped).sort()).toEqual(Object.keys(config).sort());
    expect(config.credentials).toBe(keys);
    expect({ ...config, lazy: undefined }).toEqual({ ...frozenBefore, lazy: undefined });
  });

  it('is idempotent: a wrapped config wraps to the same provider', () => {
    const once = wrap({ region: 'us-east-1', credentials: fakeStaticKeys() });
    const twice = wrap(once);
    expect(twice.credentials).toBe(once.credentials);
    expect(twice).not.toBe(once);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'us-east-1'],
    ['an array', []],
  ])('rejects %s as config with a TypeError', (_label, config) => {
    expect(() => withInstanceRole(config as object, init)).toThrow(TypeError);
  });

  it('rejects malformed credentials and static keys passed through init, without echoing a secret', () => {
    const { secretAccessKey } = fakeStaticKeys();
    expect(() => withInstanceRole({ credentials: { secretAccessKey } }, init)).toThrow(
      expect.objectContaining({
        name: 'TypeError',
        message: expect.not.stringContaining(secretAccessKey),
      }),
    );
    expect(() => withInstanceRole({ credentials: 'AKIA' }, init)).toThrow(TypeError);
    expect(() =>
      withInstanceRole({}, { ...init, staticCredentials: fakeStaticKeys() } as unknown as typeof init),
    ).toThrow(/config\.credentials/);
  });
});
