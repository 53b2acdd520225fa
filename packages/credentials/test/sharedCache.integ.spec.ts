import { type Emulator, startEmulator } from '@keyless/emulator';
import type { Logger } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromInstanceRole, type InstanceRoleProvider } from '../src/index.js';

describe('one cache per configuration in the process', () => {
  let emu: Emulator;
  const providers: InstanceRoleProvider[] = [];

  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await emu.stop();
  });

  it('1,000 concurrent cold callers across 10 providers cost exactly one credentials fetch', async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds };
    for (let i = 0; i < 10; i++) providers.push(fromInstanceRole({ env: { ...env } }));
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => (providers[i % 10] as InstanceRoleProvider)()),
    );
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
    expect(emu.count({ kind: 'imds-token' })).toBe(1);
    expect(emu.count({ kind: 'imds-role-list' })).toBe(1);
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set([emu.current().accessKeyId]));
  });

  it('configurations that differ keep their own caches but share one IMDS client: one token, role lookup and fetch', async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds };
    const a = fromInstanceRole({ env });
    const b = fromInstanceRole({ env, mandatoryWindowMs: 30_000 });
    providers.push(a, b);
    await Promise.all([a(), b()]);
    expect(emu.count({ kind: 'imds-token' })).toBe(1);
    expect(emu.count({ kind: 'imds-role-list' })).toBe(1);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
    a.invalidate();
    await a();
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    await b();
    // b's own cache still holds its set; the refresh of a's cost no token or role request.
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    expect(emu.count({ kind: 'imds-token' })).toBe(1);
    expect(emu.count({ kind: 'imds-role-list' })).toBe(1);
  });

  it('3,000 distinct configurations called at once: three requests in all, no failure', async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds };
    // A generous timeout: the point is the request count, not how a loaded test machine keeps up.
    const imds = { timeoutMs: 30_000 };
    for (let i = 0; i < 3000; i++)
      providers.push(fromInstanceRole({ env, imds, advisoryWindowMs: 300_000 + i }));
    const settled = await Promise.allSettled(providers.map((p) => p()));
    expect(settled.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(emu.requests()).toHaveLength(3);
  }, 60_000);

  it('providers that differ only by their logger share one cache, and each logger gets its lines', async () => {
    const lines = (): { debug: string[]; logger: Logger } => {
      const debug: string[] = [];
      return {
        debug,
        logger: { debug: (m: unknown) => debug.push(String(m)), info() {}, warn() {}, error() {} },
      };
    };
    const one = lines();
    const two = lines();
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds };
    const a = fromInstanceRole({ env, logger: one.logger });
    const b = fromInstanceRole({ env, logger: two.logger });
    providers.push(a, b);
    await Promise.all([a(), b()]);
    a.invalidate();
    // One cache: b's call sees a's invalidation and waits for the refresh.
    const after = await b();
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    expect(after.accessKeyId).toBe(emu.current().accessKeyId);
    const refreshed = (l: string[]) => l.filter((line) => line.includes('refresh got'));
    expect(refreshed(one.debug)).toHaveLength(2);
    expect(refreshed(two.debug)).toEqual(refreshed(one.debug));
  });

  it('closing one provider leaves the others sharing the cache working', async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds };
    const a = fromInstanceRole({ env });
    const b = fromInstanceRole({ env });
    providers.push(b);
    await a();
    a.close();
    await b();
    await a();
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
  });
});
