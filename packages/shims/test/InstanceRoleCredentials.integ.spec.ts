import { type Emulator, startEmulator } from '@keyless/emulator';
import { fakeStaticKeys } from '@keyless/test-support';
import AWS from 'aws-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InstanceRoleCredentials,
  type InstanceRoleCredentialsInit,
} from '../src/v2/InstanceRoleCredentials.js';
import { imdsEnv, recordingLogger } from './support.js';

const REGION = 'us-east-1';
let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.stop();
});

function credentials(init: InstanceRoleCredentialsInit): InstanceRoleCredentials {
  return new InstanceRoleCredentials({ env: imdsEnv(emu), ...init });
}

const sts = (creds: InstanceRoleCredentials) =>
  new AWS.STS({ region: REGION, endpoint: emu.endpoints.sts, credentials: creds, maxRetries: 2 });

describe('InstanceRoleCredentials with a real aws-sdk v2 client against the emulator', () => {
  it('is an AWS.Credentials that v2 signs with instance-role credentials, verified by the emulator', async () => {
    const creds = credentials({ staticCredentials: fakeStaticKeys() });
    expect(creds).toBeInstanceOf(AWS.Credentials);
    expect(creds).toBeInstanceOf(InstanceRoleCredentials);
    expect(new AWS.Credentials('a', 'b')).not.toBeInstanceOf(InstanceRoleCredentials);
    const identity = await sts(creds).getCallerIdentity().promise();
    expect(identity.Arn).toMatch(/assumed-role\/keyless-emulator-role\//);
    expect(creds.accessKeyId).toBe(emu.current().accessKeyId);
    expect(creds.source).toBe('imds');
    expect(emu.count({ kind: 'sts', action: 'GetCallerIdentity', status: 200 })).toBe(1);
  });

  it('works as the global AWS.config.credentials', async () => {
    const before = AWS.config.credentials;
    AWS.config.credentials = credentials({});
    try {
      const identity = await new AWS.STS({ region: REGION, endpoint: emu.endpoints.sts })
        .getCallerIdentity()
        .promise();
      expect(identity.Account).toBe('111122223333');
    } finally {
      AWS.config.credentials = before ?? null;
    }
  });

  it('with the role detached falls back to staticCredentials; temporary ones are not warned about', async () => {
    const set = emu.current();
    const hardCoded = {
      accessKeyId: set.accessKeyId,
      secretAccessKey: set.secretAccessKey,
      sessionToken: set.sessionToken,
    };
    emu.detachRole();
    const log = recordingLogger();
    const creds = credentials({ staticCredentials: hardCoded, logger: log.logger });
    const client = sts(creds);
    for (let i = 0; i < 3; i += 1) await client.getCallerIdentity().promise();
    expect(emu.count({ kind: 'sts', status: 200 })).toBe(3);
    expect(creds.accessKeyId).toBe(hardCoded.accessKeyId);
    expect(creds.source).toBe('hard-coded');
    // The keys carry a session token: a session, not long-lived keys, so nothing to warn about.
    expect(log.warnings()).toEqual([]);
    expect(log.text()).not.toContain(hardCoded.secretAccessKey);
  });

  it('recovers from an ExpiredToken injected by the emulator: v2 retries with invalidated, re-fetched credentials', async () => {
    const creds = credentials({});
    const client = sts(creds);
    await client.getCallerIdentity().promise();
    const fetchesBefore = emu.count({ kind: 'imds-credentials' });
    const fault = emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 1 });
    const identity = await client.getCallerIdentity().promise();
    expect(identity.Account).toBe('111122223333');
    expect(fault.hits).toBe(1);
    expect(emu.count({ kind: 'sts', action: 'GetCallerIdentity' })).toBe(3);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(fetchesBefore + 1);
  });

  it('shares a provider with v3 clients when given one', async () => {
    const { fromInstanceRole } = await import('@keyless/credentials');
    const provider = fromInstanceRole({ env: imdsEnv(emu) });
    try {
      const creds = new InstanceRoleCredentials({ provider });
      await creds.getPromise();
      expect(creds.accessKeyId).toBe((await provider()).accessKeyId);
      expect(() => new InstanceRoleCredentials({ provider, staticKeys: 'deny' })).toThrow(TypeError);
    } finally {
      provider.close();
    }
  });
});
