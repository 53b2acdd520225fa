import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceRole } from '@keyless/credentials';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { AssumedRoleCache } from '../src/assumeRole/AssumedRoleCache.js';
import { fromAssumedRole } from '../src/assumeRole/fromAssumedRole.js';
import { withInstanceRole } from '../src/config/withInstanceRole.js';
import type { ShimProvider } from '../src/provider/toShimProvider.js';
import { withExpiredTokenRecovery } from '../src/recovery/withExpiredTokenRecovery.js';
import { imdsEnv, masked, recordingLogger } from './support.js';

const REGION = 'us-east-1';
const HOUR = 3_600_000;
let emu: Emulator;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await emu.stop();
});

function client(credentials: ShimProvider, recover = true) {
  const sts = new STSClient({ region: REGION, endpoint: emu.endpoints.sts, credentials });
  cleanup.push(
    () => sts.destroy(),
    () => credentials.close(),
  );
  return recover ? withExpiredTokenRecovery(sts) : sts;
}

const identityCalls = () => emu.count({ kind: 'sts', action: 'GetCallerIdentity' });

describe('ExpiredToken recovery with real clients against the emulator', () => {
  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId'])(
    'hides an injected %s: invalidates the credentials, re-fetches, and retries once',
    async (code) => {
      emu = await startEmulator();
      const log = recordingLogger();
      const sts = client(withInstanceRole({}, { env: imdsEnv(emu), logger: log.logger }).credentials);
      await sts.send(new GetCallerIdentityCommand({}));
      const fetches = emu.count({ kind: 'imds-credentials' });
      const fault = emu.fault({ kind: 'sts', type: 'code', code, times: 1 });
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('111122223333');
      expect(fault.hits).toBe(1);
      expect(identityCalls()).toBe(3);
      expect(emu.count({ kind: 'imds-credentials' })).toBe(fetches + 1);
    },
  );

  it('without the middleware the caller sees the rejection (the control case)', async () => {
    emu = await startEmulator();
    const sts = client(withInstanceRole({}, { env: imdsEnv(emu) }).credentials, false);
    emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 1 });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    expect(identityCalls()).toBe(1);
  });

  it('retries once only: a second rejection reaches the caller', async () => {
    emu = await startEmulator();
    const sts = client(withInstanceRole({}, { env: imdsEnv(emu) }).credentials);
    emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 2 });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
    expect(identityCalls()).toBe(2);
  });

  it('recovers when the emulator really expired the set the client still holds', async () => {
    // The emulator's clock runs ahead of the provider's: the provider still trusts its cached set,
    // the emulator's STS rejects it as expired (a real SigV4 verdict, not a fault) and serves a new one.
    let emulatorNow = Date.now();
    emu = await startEmulator({ clock: { now: () => emulatorNow }, credentialLifetimeMs: 2 * HOUR });
    const log = recordingLogger();
    const sts = client(withInstanceRole({}, { env: imdsEnv(emu), logger: log.logger }).credentials);
    await sts.send(new GetCallerIdentityCommand({}));
    const stale = emu.current().accessKeyId;
    emulatorNow += 3 * HOUR;
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('111122223333');
    const statuses = emu.requests({ kind: 'sts' }).map((r) => r.status);
    expect(statuses).toHaveLength(3);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    expect([statuses[0], statuses[2]]).toEqual([200, 200]);
    expect((await sts.config.credentials()).accessKeyId).not.toBe(stale);
    expect(log.text()).toContain(masked(stale));
  });

  it('recovers assumed-role credentials by assuming the role again', async () => {
    emu = await startEmulator();
    const cache = new AssumedRoleCache({ maxRoles: 4 });
    cleanup.push(() => cache.clear());
    const source = withInstanceRole({}, { env: imdsEnv(emu) }).credentials;
    cleanup.push(() => source.close());
    const sts = client(
      fromAssumedRole({
        roleArn: 'arn:aws:iam::111122223333:role/tenant-a',
        roleSessionName: 'recovery',
        source,
        cache,
        clientConfig: { region: REGION, endpoint: emu.endpoints.sts },
      }),
    );
    await sts.send(new GetCallerIdentityCommand({}));
    emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 1 });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toBe('arn:aws:sts::111122223333:assumed-role/tenant-a/recovery');
    expect(emu.count({ kind: 'sts', action: 'AssumeRole', status: 200 })).toBe(2);
  });

  it('recovers a fromInstanceRole() provider set directly, when given as options.provider', async () => {
    emu = await startEmulator();
    const provider = fromInstanceRole({ env: imdsEnv(emu) });
    const sts = withExpiredTokenRecovery(
      new STSClient({ region: REGION, endpoint: emu.endpoints.sts, credentials: provider }),
      { provider },
    );
    cleanup.push(
      () => sts.destroy(),
      () => provider.close(),
    );
    await sts.send(new GetCallerIdentityCommand({}));
    const fetches = emu.count({ kind: 'imds-credentials' });
    emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 1 });
    await sts.send(new GetCallerIdentityCommand({}));
    expect(identityCalls()).toBe(3);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(fetches + 1);
  });
});
