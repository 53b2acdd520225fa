import { type Emulator, startEmulator } from '@keyless/emulator';
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

  it('a different configuration gets its own cache', async () => {
    const a = fromInstanceRole({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds } });
    const b = fromInstanceRole({
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds },
      mandatoryWindowMs: 30_000,
    });
    providers.push(a, b);
    await Promise.all([a(), b()]);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
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
