import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

let emu: Emulator;
let clockMs: number;

async function start(options: EmulatorOptions = {}): Promise<void> {
  await emu?.stop();
  emu = await startEmulator({ clock: { now: () => clockMs }, ...options });
  vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', emu.endpoints.imds);
}

beforeEach(async () => {
  clockMs = Date.parse('2030-01-01T00:00:00Z');
  await start();
});

afterEach(async () => {
  await emu.stop();
});

async function token(ttl = '21600'): Promise<string> {
  const res = await fetch(`${emu.url}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': ttl },
  });
  expect(res.status).toBe(200);
  return res.text();
}

/** IMDS documents are flat objects of strings. */
async function json(res: Response): Promise<Record<string, string>> {
  return (await res.json()) as Record<string, string>;
}

async function get(path: string, t?: string): Promise<Response> {
  return fetch(`${emu.url}${path}`, { headers: t === undefined ? {} : { 'x-aws-ec2-metadata-token': t } });
}

describe('IMDS with the SDK fromInstanceMetadata', () => {
  it('serves the current credential set over IMDSv2 with one credentials request', async () => {
    const creds = await fromInstanceMetadata()();
    const served = emu.current();
    expect(creds.accessKeyId).toBe(served.accessKeyId);
    expect(creds.secretAccessKey).toBe(served.secretAccessKey);
    expect(creds.sessionToken).toBe(served.sessionToken);
    expect(creds.expiration?.toISOString()).toBe('2030-01-01T06:00:00.000Z');
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(emu.count({ kind: 'imds-token' })).toBe(1);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
    expect(emu.requests({ kind: 'imds-credentials' })[0]).toMatchObject({
      status: 200,
      tokenSent: true,
      method: 'GET',
    });
  });

  it('serves a new set inside the rotation lead and LastUpdated moves forward', async () => {
    const first = await fromInstanceMetadata()();
    clockMs += 6 * 3_600_000 - 15 * 60_000 - 1;
    expect((await fromInstanceMetadata()()).accessKeyId).toBe(first.accessKeyId);
    clockMs += 1;
    const second = await fromInstanceMetadata()();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration?.toISOString()).toBe('2030-01-01T11:45:00.000Z');
    const body = await json(
      await get('/latest/meta-data/iam/security-credentials/keyless-emulator-role', await token()),
    );
    expect(body.LastUpdated).toBe('2030-01-01T05:45:00Z');
  });

  it('sends fractional timestamps and unknown members when asked, and the SDK still parses them', async () => {
    clockMs += 123;
    await start({ fractionalTimestamps: true, extraCredentialMembers: { UnexpectedElement7: 'x' } });
    const creds = await fromInstanceMetadata()();
    expect(creds.expiration?.toISOString()).toBe('2030-01-01T06:00:00.123Z');
    const doc = await json(
      await get('/latest/meta-data/iam/security-credentials/keyless-emulator-role', await token()),
    );
    expect(doc).toMatchObject({ LastUpdated: '2030-01-01T00:00:00.123Z', UnexpectedElement7: 'x' });
  });

  it('lets the SDK fall back to IMDSv1 when allowed and the token PUT is forbidden', async () => {
    await start({ allowV1: true });
    emu.fault({ kind: 'imds-token', type: 'status', status: 403 });
    await expect(fromInstanceMetadata()()).resolves.toMatchObject({ accessKeyId: emu.current().accessKeyId });
    expect(emu.requests({ kind: 'imds-credentials' })).toMatchObject([{ tokenSent: false, status: 200 }]);
  });
});

describe('IMDS token endpoint', () => {
  it('echoes the TTL header with the token', async () => {
    const res = await fetch(`${emu.url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-aws-ec2-metadata-token-ttl-seconds')).toBe('60');
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect((await res.text()).length).toBeGreaterThanOrEqual(40);
  });

  it.each([[undefined], ['0'], ['21601'], ['abc'], ['1.5'], ['-1']])('answers 400 to TTL %s', async (ttl) => {
    const headers: Record<string, string> =
      ttl === undefined ? {} : { 'x-aws-ec2-metadata-token-ttl-seconds': ttl };
    const res = await fetch(`${emu.url}/latest/api/token`, { method: 'PUT', headers });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<title>400 - Missing or Invalid Parameters</title>');
  });

  it('answers 403 to X-Forwarded-For and to versioned token paths, 405 to other methods', async () => {
    const ttl = { 'x-aws-ec2-metadata-token-ttl-seconds': '60' };
    expect(
      (
        await fetch(`${emu.url}/latest/api/token`, {
          method: 'PUT',
          headers: { ...ttl, 'x-forwarded-for': '10.0.0.1' },
        })
      ).status,
    ).toBe(403);
    expect((await fetch(`${emu.url}/2021-03-23/api/token`, { method: 'PUT', headers: ttl })).status).toBe(
      403,
    );
    expect((await fetch(`${emu.url}/latest/api/token`)).status).toBe(405);
    expect((await fetch(`${emu.url}/latest/api/token`, { method: 'POST', headers: ttl })).status).toBe(405);
  });

  it('expires tokens after their TTL on the emulator clock', async () => {
    const t = await token('1');
    expect((await get('/latest/meta-data/iam/security-credentials/', t)).status).toBe(200);
    clockMs += 1000;
    expect((await get('/latest/meta-data/iam/security-credentials/', t)).status).toBe(401);
  });
});

describe('IMDS metadata paths', () => {
  it('requires a token by default and refuses an invalid one even when v1 is allowed', async () => {
    expect((await get('/latest/meta-data/iam/security-credentials/')).status).toBe(401);
    expect((await get('/latest/meta-data/iam/security-credentials/', 'not-a-token')).status).toBe(401);
    await start({ allowV1: true });
    expect((await get('/latest/meta-data/iam/security-credentials/')).status).toBe(200);
    expect((await get('/latest/meta-data/iam/security-credentials/', 'not-a-token')).status).toBe(401);
  });

  it('lists the role and serves the AWS-HMAC document, 404 for another role', async () => {
    const t = await token();
    expect(await (await get('/latest/meta-data/iam/security-credentials/', t)).text()).toBe(
      'keyless-emulator-role',
    );
    const res = await get('/latest/meta-data/iam/security-credentials/keyless-emulator-role', t);
    const text = await res.text();
    expect(text).toMatch(/^\{\n {2}"Code" : "Success",\n/);
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual([
      'Code',
      'LastUpdated',
      'Type',
      'AccessKeyId',
      'SecretAccessKey',
      'Token',
      'Expiration',
    ]);
    expect(doc).toMatchObject({
      Type: 'AWS-HMAC',
      LastUpdated: '2030-01-01T00:00:00Z',
      Expiration: '2030-01-01T06:00:00Z',
    });
    expect((await get('/latest/meta-data/iam/security-credentials/some-other-role', t)).status).toBe(404);
  });

  it('serves security-credentials-extended with AccountId, or 404 in legacy mode', async () => {
    const t = await token();
    expect(await (await get('/latest/meta-data/iam/security-credentials-extended/', t)).text()).toBe(
      'keyless-emulator-role',
    );
    const doc = await json(
      await get('/latest/meta-data/iam/security-credentials-extended/keyless-emulator-role', t),
    );
    expect(doc.AccountId).toBe('111122223333');
    await start({ extendedApi: false });
    const t2 = await token();
    expect((await get('/latest/meta-data/iam/security-credentials-extended/', t2)).status).toBe(404);
    expect(
      (await get('/latest/meta-data/iam/security-credentials-extended/keyless-emulator-role', t2)).status,
    ).toBe(404);
    expect((await get('/latest/meta-data/iam/security-credentials/keyless-emulator-role', t2)).status).toBe(
      200,
    );
  });

  it('serves iam/info, and 404 on every role path once the role is detached', async () => {
    const t = await token();
    const info = await json(await get('/latest/meta-data/iam/info', t));
    expect(info).toMatchObject({
      Code: 'Success',
      InstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/keyless-emulator-role',
    });
    expect(info.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    emu.detachRole();
    for (const path of [
      'iam/info',
      'iam/security-credentials/',
      'iam/security-credentials/keyless-emulator-role',
    ]) {
      expect((await get(`/latest/meta-data/${path}`, t)).status).toBe(404);
    }
    await expect(fromInstanceMetadata()()).rejects.toMatchObject({ statusCode: 404 });
    emu.attachRole('renamed-role');
    expect(await (await get('/latest/meta-data/iam/security-credentials/', t)).text()).toBe('renamed-role');
  });

  it('serves the instance identity document and placement region', async () => {
    await start({ region: 'eu-west-1', accountId: '999988887777' });
    const t = await token();
    const doc = await json(await get('/latest/dynamic/instance-identity/document', t));
    expect(doc).toMatchObject({
      region: 'eu-west-1',
      accountId: '999988887777',
      availabilityZone: 'eu-west-1a',
    });
    expect(doc.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(await (await get('/latest/meta-data/placement/region', t)).text()).toBe('eu-west-1');
    expect(await (await get('/latest/meta-data/instance-id', t)).text()).toBe(doc.instanceId);
    expect((await (await get('/latest/meta-data/', t)).text()).split('\n')).toContain('iam/');
    expect((await get('/latest/meta-data/no-such-thing', t)).status).toBe(404);
  });
});
