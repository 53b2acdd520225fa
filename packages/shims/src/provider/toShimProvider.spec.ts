import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';
import { identityOwner } from './identityOwner.js';
import {
  isRefreshingProvider,
  isShimProvider,
  type ShimCredentials,
  shimOf,
  toShimProvider,
} from './toShimProvider.js';

const credentials = (): ShimCredentials => ({
  accessKeyId: fakeAccessKeyId('ASIA'),
  secretAccessKey: fakeSecretAccessKey(),
  source: 'imds',
});

function inner() {
  const log: string[] = [];
  const value = credentials();
  const provider = Object.assign(
    async (options?: { forceRefresh?: boolean }) => {
      log.push(`get${options?.forceRefresh ? ':force' : ''}`);
      return value;
    },
    { invalidate: (id?: string) => log.push(`invalidate:${id}`), close: () => log.push('close') },
  );
  return { log, value, provider };
}

describe(toShimProvider.name, () => {
  it('is flagged memoized so the SDK does not pin its credentials in a memo of its own', () => {
    const { provider } = inner();
    expect((shimOf(provider) as unknown as { memoized?: unknown }).memoized).toBe(true);
  });

  it('passes calls, options, invalidate and close through, and records what it hands out as its own', async () => {
    const { log, value, provider } = inner();
    const shim = shimOf(provider);
    expect(await shim({ forceRefresh: true })).toBe(value);
    expect(identityOwner(value)).toBe(provider);
    shim.invalidate('x');
    shim.close();
    expect(log).toEqual(['get:force', 'invalidate:x', 'close']);
  });

  it('never wraps a shim twice and tells shims from other providers', () => {
    const { provider } = inner();
    const shim = shimOf(provider);
    expect(shimOf(shim)).toBe(shim);
    expect(isShimProvider(shim)).toBe(true);
    expect(isShimProvider(provider)).toBe(false);
    expect(isRefreshingProvider(provider)).toBe(true);
    expect(isRefreshingProvider(async () => credentials())).toBe(false);
    expect(isRefreshingProvider({ invalidate() {}, close() {} })).toBe(false);
  });
});
