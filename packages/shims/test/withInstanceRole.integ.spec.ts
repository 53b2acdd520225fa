import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { type CredentialSet, type Emulator, startEmulator } from '@keyless/emulator';
import { fakeStaticKeys } from '@keyless/test-support';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withInstanceRole } from '../src/config/withInstanceRole.js';
import type { ShimProvider } from '../src/provider/toShimProvider.js';
import { imdsEnv, masked, recordingLogger, signingKeyId, startCaptureServer } from './support.js';

const REGION = 'us-east-1';
let emu: Emulator;
const cleanup: (() => unknown)[] = [];

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
  await emu.stop();
});

/** Static keys the emulator's STS will verify: a set it issued, standing in for an app's hard-coded keys. */
function issuedKeys(set: CredentialSet): AwsCredentialIdentity {
  return {
    accessKeyId: set.accessKeyId,
    secretAccessKey: set.secretAccessKey,
    sessionToken: set.sessionToken,
  };
}

function stsClient(config: STSClientConfig) {
  const client = new STSClient(config);
  cleanup.push(() => client.destroy());
  const provider = (config as { credentials?: ShimProvider }).credentials;
  if (provider?.close) cleanup.push(() => provider.close());
  return client;
}

describe('withInstanceRole with real clients against the emulator', () => {
  it('signs STS calls with the instance-role credentials, which the emulator verifies', async () => {
    const log = recordingLogger();
    const hardCoded = fakeStaticKeys();
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: hardCoded },
        { env: imdsEnv(emu), logger: log.logger },
      ),
    );
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/keyless-emulator-role\//);
    expect(emu.count({ kind: 'sts', action: 'GetCallerIdentity', status: 200 })).toBe(1);
    const used = await sts.config.credentials();
    expect(used.accessKeyId).toBe(emu.current().accessKeyId);
    expect((used as { source?: string }).source).toBe('imds');
    expect(log.warnings()).toEqual([]);
    expect(log.text()).not.toContain(hardCoded.secretAccessKey);
  });

  it('signs S3 calls with the instance-role credentials', async () => {
    const s3Endpoint = await startCaptureServer();
    cleanup.push(() => s3Endpoint.stop());
    const s3 = new S3Client(
      withInstanceRole(
        { region: REGION, endpoint: s3Endpoint.url, forcePathStyle: true, credentials: fakeStaticKeys() },
        { env: imdsEnv(emu) },
      ),
    );
    cleanup.push(() => s3.destroy());
    const out = await s3.send(new ListBucketsCommand({}));
    expect(out.Buckets?.map((b) => b.Name)).toEqual(['keyless-test']);
    const [request] = s3Endpoint.requests;
    const role = emu.current();
    expect(signingKeyId(request?.headers ?? {})).toBe(role.accessKeyId);
    expect(request?.headers['x-amz-security-token']).toBe(role.sessionToken);
  });

  it('with the role detached falls back to the config’s temporary keys, with no warning', async () => {
    const hardCoded = issuedKeys(emu.current());
    emu.detachRole();
    const log = recordingLogger();
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: hardCoded },
        { env: imdsEnv(emu), logger: log.logger },
      ),
    );
    for (let i = 0; i < 3; i += 1) {
      const identity = await sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('111122223333');
    }
    const used = await sts.config.credentials();
    expect(used.accessKeyId).toBe(hardCoded.accessKeyId);
    expect((used as { source?: string }).source).toBe('hard-coded');
    // The keys carry a session token: a session, not long-lived keys, so nothing to warn about.
    expect(log.warnings()).toEqual([]);
    expect(log.text()).not.toContain(hardCoded.accessKeyId);
    expect(log.text()).not.toContain(hardCoded.secretAccessKey);
    expect(log.text()).not.toContain(String(hardCoded.sessionToken));
  });

  it('with the role detached, S3 signs with the static keys and the warning goes to the config’s logger', async () => {
    const s3Endpoint = await startCaptureServer();
    cleanup.push(() => s3Endpoint.stop());
    emu.detachRole();
    const hardCoded = fakeStaticKeys();
    const log = recordingLogger();
    const config = withInstanceRole(
      {
        region: REGION,
        endpoint: s3Endpoint.url,
        forcePathStyle: true,
        credentials: hardCoded,
        logger: log.logger,
      },
      { env: imdsEnv(emu) },
    );
    cleanup.push(() => config.credentials.close());
    const s3 = new S3Client(config);
    cleanup.push(() => s3.destroy());
    await s3.send(new ListBucketsCommand({}));
    await s3.send(new ListBucketsCommand({}));
    expect(s3Endpoint.requests.map((r) => signingKeyId(r.headers))).toEqual([
      hardCoded.accessKeyId,
      hardCoded.accessKeyId,
    ]);
    expect(log.warnings()).toHaveLength(1);
    expect(log.text()).toContain(masked(hardCoded.accessKeyId));
  });

  it('with staticKeys "deny" and no role, refuses instead of using the static keys', async () => {
    emu.detachRole();
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: fakeStaticKeys() },
        { env: imdsEnv(emu), staticKeys: 'deny' },
      ),
    );
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    expect(emu.count({ kind: 'sts' })).toBe(0);
  });

  it('puts a provider from the config behind the role: unused while the role answers', async () => {
    let calls = 0;
    const configProvider = async () => {
      calls += 1;
      return fakeStaticKeys();
    };
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: configProvider },
        { env: imdsEnv(emu) },
      ),
    );
    await sts.send(new GetCallerIdentityCommand({}));
    expect(calls).toBe(0);
    expect((await sts.config.credentials()).accessKeyId).toBe(emu.current().accessKeyId);
  });

  it('uses the config’s provider as the logged fallback when the role is detached', async () => {
    const hardCoded = issuedKeys(emu.current());
    emu.detachRole();
    let calls = 0;
    const configProvider = async () => {
      calls += 1;
      return hardCoded;
    };
    const log = recordingLogger();
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: configProvider },
        { env: imdsEnv(emu), logger: log.logger },
      ),
    );
    await sts.send(new GetCallerIdentityCommand({}));
    await sts.send(new GetCallerIdentityCommand({}));
    expect(emu.count({ kind: 'sts', status: 200 })).toBe(2);
    expect(calls).toBe(1); // memoized like the SDK would have
    expect(((await sts.config.credentials()) as { source?: string }).source).toBe('config-provider');
    expect(log.warnings()).toHaveLength(1);
    expect(log.text()).toContain(masked(hardCoded.accessKeyId));
    expect(log.text()).not.toContain(hardCoded.secretAccessKey);
  });

  it('with staticKeys "deny" never calls the config’s provider', async () => {
    emu.detachRole();
    let calls = 0;
    const configProvider = async () => {
      calls += 1;
      return fakeStaticKeys();
    };
    const sts = stsClient(
      withInstanceRole(
        { region: REGION, endpoint: emu.endpoints.sts, credentials: configProvider },
        { env: imdsEnv(emu), staticKeys: 'deny' },
      ),
    );
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toThrow();
    expect(calls).toBe(0);
    expect(emu.count({ kind: 'sts' })).toBe(0);
  });

  it('names both failures when neither the role nor the config’s provider answers', async () => {
    emu.detachRole();
    const sts = stsClient(
      withInstanceRole(
        {
          region: REGION,
          endpoint: emu.endpoints.sts,
          credentials: async () => {
            throw new Error('profile "ops" not found');
          },
        },
        { env: imdsEnv(emu) },
      ),
    );
    const error = (await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/no instance role answered/);
    expect(error.message).toContain('profile "ops" not found');
    expect(emu.count({ kind: 'sts' })).toBe(0);
  });
});
