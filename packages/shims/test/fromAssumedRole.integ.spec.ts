import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CredentialsProviderError, fromInstanceRole, type InstanceRoleProvider } from '@keyless/credentials';
import { type Emulator, startEmulator } from '@keyless/emulator';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssumedRoleCache } from '../src/assumeRole/AssumedRoleCache.js';
import type { FromAssumedRoleInit } from '../src/assumeRole/FromAssumedRoleInit.js';
import { fromAssumedRole } from '../src/assumeRole/fromAssumedRole.js';
import { imdsEnv } from './support.js';

const REGION = 'us-east-1';
const ACCOUNT = '111122223333';
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

let emu: Emulator;
let instanceRole: InstanceRoleProvider;
let cache: AssumedRoleCache;
/** Every key id the AssumeRole calls were signed with, as the source handed them out. */
let signedWith: string[];

beforeEach(async () => {
  emu = await startEmulator();
  instanceRole = fromInstanceRole({ env: imdsEnv(emu) });
  cache = new AssumedRoleCache({ maxRoles: 2 });
  signedWith = [];
});
afterEach(async () => {
  cache.clear();
  instanceRole.close();
  await emu.stop();
});

function assumed(name: string, extra: Partial<FromAssumedRoleInit> = {}) {
  return fromAssumedRole({
    roleArn: roleArn(name),
    roleSessionName: 'keyless-test',
    clientConfig: { region: REGION, endpoint: emu.endpoints.sts },
    source: async (options) => {
      const credentials = await instanceRole(options);
      signedWith.push(credentials.accessKeyId);
      return credentials;
    },
    cache,
    ...extra,
  });
}

const assumeRoleCalls = () => emu.count({ kind: 'sts', action: 'AssumeRole', status: 200 });

async function callerArn(credentials: AwsCredentialIdentity | (() => Promise<AwsCredentialIdentity>)) {
  const client = new STSClient({ region: REGION, endpoint: emu.endpoints.sts, credentials });
  try {
    return (await client.send(new GetCallerIdentityCommand({}))).Arn;
  } finally {
    client.destroy();
  }
}

describe('fromAssumedRole against the emulator', () => {
  it('calls STS AssumeRole signed with the instance-role credentials and returns the role’s credentials', async () => {
    const credentials = await assumed('tenant-a')();
    expect(assumeRoleCalls()).toBe(1);
    expect(signedWith).toEqual([emu.current().accessKeyId]);
    expect(credentials.source).toBe('assumed-role');
    expect(credentials.accountId).toBe(ACCOUNT);
    expect(credentials.expiration).toBeInstanceOf(Date);
    const issued = emu.issued().find((s) => s.accessKeyId === credentials.accessKeyId);
    expect(issued?.source).toBe('assume-role');
    expect(issued?.roleName).toBe('tenant-a');
    // The emulator verifies the assumed credentials' signature on this call.
    expect(await callerArn(credentials)).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/tenant-a/keyless-test`);
  });

  it('signs a real client’s calls as the assumed role', async () => {
    expect(await callerArn(assumed('tenant-b'))).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/tenant-b/keyless-test`,
    );
  });

  it('caches per role: concurrent callers and separate providers share one AssumeRole', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => assumed('tenant-a')()),
      ...Array.from({ length: 10 }, () => assumed('tenant-a')()),
    ]);
    expect(assumeRoleCalls()).toBe(1);
    expect(new Set(results.map((c) => c.accessKeyId)).size).toBe(1);
    await assumed('tenant-a')();
    expect(assumeRoleCalls()).toBe(1);
  });

  it('keeps roles, session names and external ids apart', async () => {
    const a = await assumed('tenant-a')();
    const b = await assumed('tenant-b')();
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    const other = new AssumedRoleCache({ maxRoles: 5 });
    try {
      const keys = await Promise.all([
        assumed('tenant-a', { cache: other })(),
        assumed('tenant-a', { cache: other, roleSessionName: 'other-session' })(),
        assumed('tenant-a', { cache: other, externalId: 'ext-1' })(),
        assumed('tenant-a', { cache: other, externalId: 'ext-2' })(),
      ]);
      expect(new Set(keys.map((c) => c.accessKeyId)).size).toBe(4);
      expect(other.size).toBe(4);
    } finally {
      other.clear();
    }
  });

  it('evicts the least recently used role when the cache is full', async () => {
    await assumed('role-a')();
    await assumed('role-b')();
    await assumed('role-a')(); // a is now the most recently used
    expect(assumeRoleCalls()).toBe(2);
    await assumed('role-c')(); // evicts b
    expect(assumeRoleCalls()).toBe(3);
    expect(cache.size).toBe(2);
    await assumed('role-a')();
    await assumed('role-c')();
    expect(assumeRoleCalls()).toBe(3);
    await assumed('role-b')(); // assumed again, evicts a
    expect(assumeRoleCalls()).toBe(4);
    await assumed('role-a')();
    expect(assumeRoleCalls()).toBe(5);
  });

  it('invalidate() refreshes the session and close() drops it', async () => {
    const provider = assumed('tenant-a');
    const first = await provider();
    provider.invalidate(first.accessKeyId);
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumeRoleCalls()).toBe(2);
    provider.close();
    expect(cache.size).toBe(0);
    await provider();
    expect(assumeRoleCalls()).toBe(3);
  });

  it('reports an STS refusal as a non-recoverable CredentialsProviderError naming the role', async () => {
    emu.fault({ kind: 'sts', type: 'code', code: 'AccessDenied', times: 1 });
    const error = await assumed('tenant-x')().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect((error as CredentialsProviderError).message).toContain(roleArn('tenant-x'));
    expect((error as CredentialsProviderError).message).toContain('AccessDenied');
    expect((error as CredentialsProviderError).recoverable).toBe(false);
  });
});
