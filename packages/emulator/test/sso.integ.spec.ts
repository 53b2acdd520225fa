import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, type SsoProfileInit, startEmulator } from '../src/index.js';

let emu: Emulator;
let home: string;
let clockMs: number;

beforeEach(async () => {
  clockMs = Date.now();
  emu = await startEmulator({ clock: { now: () => clockMs } });
  home = await mkdtemp(join(tmpdir(), 'keyless-sso-'));
});

afterEach(async () => {
  await emu.stop();
  await rm(home, { recursive: true, force: true });
});

/** Writes the profile and points the SDK's file and endpoint lookups at it. */
async function ssoProfile(init: Omit<SsoProfileInit, 'home'> = {}) {
  const written = await emu.writeSsoProfile({ home, ...init });
  for (const [name, value] of Object.entries(written.env)) vi.stubEnv(name, value);
  vi.stubEnv('AWS_ENDPOINT_URL_STS', emu.endpoints.sts);
  return written;
}

async function callerArn(credentials: AwsCredentialIdentity): Promise<string | undefined> {
  const sts = new STSClient({
    endpoint: emu.endpoints.sts,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
  return (await sts.send(new GetCallerIdentityCommand({}))).Arn;
}

describe('IAM Identity Center portal with the SDK SSO providers', () => {
  it('resolves an sso_session profile through AWS_ENDPOINT_URL_SSO to a set STS accepts', async () => {
    await ssoProfile({ profile: 'dev', roleName: 'Developer' });
    const creds = await fromSSO({ profile: 'dev' })();
    const issued = emu.issued().find((s) => s.accessKeyId === creds.accessKeyId);
    expect(issued).toMatchObject({ source: 'sso', accountId: '111122223333' });
    expect(issued?.roleName).toMatch(/^AWSReservedSSO_Developer_[0-9a-f]{16}$/);
    expect(creds.secretAccessKey).toBe(issued?.secretAccessKey);
    expect(creds.sessionToken).toBe(issued?.sessionToken);
    expect(creds.expiration?.getTime()).toBe(clockMs + 3_600_000);
    expect(emu.requests({ kind: 'sso' })).toMatchObject([
      { method: 'GET', path: '/federation/credentials', status: 200, tokenSent: true },
    ]);
    expect(await callerArn(creds)).toBe(
      `arn:aws:sts::111122223333:assumed-role/${issued?.roleName}/keyless-emulator-user`,
    );
  });

  it('resolves a legacy profile (sso_start_url in the profile, cache named after the URL)', async () => {
    const written = await ssoProfile({ ssoSession: false });
    expect(await readFile(written.configFile, 'utf8')).not.toContain('sso_session');
    const creds = await fromSSO({ profile: written.profile })();
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)?.source).toBe('sso');
  });

  it('resolves the same profile through fromIni, as the default chain does for AWS_PROFILE', async () => {
    await ssoProfile();
    const creds = await fromIni()();
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)?.source).toBe('sso');
  });

  it('answers a revoked token with 401 UnauthorizedException, as after aws sso logout', async () => {
    await ssoProfile();
    emu.ssoLogout();
    await expect(fromSSO()()).rejects.toThrow('UnauthorizedException: Session token not found or invalid');
    expect(emu.requests({ kind: 'sso' })).toMatchObject([{ status: 401, tokenSent: true }]);
  });

  it('answers a token that expired on the emulator clock with 401 UnauthorizedException', async () => {
    await ssoProfile({ tokenLifetimeMs: 3_600_000 });
    await expect(fromSSO()()).resolves.toBeDefined();
    clockMs += 3_600_000;
    await expect(fromSSO()()).rejects.toThrow('UnauthorizedException: Session token not found or invalid');
  });

  it('answers an account the session has no access to with 403 ForbiddenException "No access"', async () => {
    await ssoProfile({ accountId: '999988887777' });
    await expect(fromSSO()()).rejects.toThrow('ForbiddenException: No access');
    expect(emu.count({ kind: 'sso', status: 403 })).toBe(1);
  });

  it('is retried by the SDK after one TooManyRequestsException from a throttle fault', async () => {
    await ssoProfile();
    const fault = emu.fault({ kind: 'sso', type: 'throttle', times: 1 });
    const creds = await fromSSO()();
    expect(fault.hits).toBe(1);
    expect(emu.requests({ kind: 'sso' }).map((r) => r.status)).toEqual([429, 200]);
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)?.source).toBe('sso');
  });
});

describe('role_arn + source_profile chains through AWS_ENDPOINT_URL_STS', () => {
  it('assumes the role with the credentials of an SSO source profile', async () => {
    const sso = await ssoProfile();
    await appendFile(
      sso.configFile,
      `\n[profile admin]\nrole_arn = arn:aws:iam::444455556666:role/admin\nsource_profile = ${sso.profile}\nrole_session_name = laptop\n`,
    );
    const creds = await fromIni({ profile: 'admin' })();
    const issued = emu.issued();
    const ssoSet = issued.find((s) => s.source === 'sso');
    expect(issued.find((s) => s.accessKeyId === creds.accessKeyId)).toMatchObject({
      source: 'assume-role',
      roleName: 'admin',
      accountId: '444455556666',
      sessionName: 'laptop',
    });
    // The AssumeRole call was signed with the set the portal issued, and STS verified it.
    expect(emu.requests({ kind: 'sts' })).toEqual([
      expect.objectContaining({ action: 'AssumeRole', status: 200, accessKeyId: ssoSet?.accessKeyId }),
    ]);
    expect(ssoSet?.accessKeyId).toMatch(/^ASIA/);
    expect(await callerArn(creds)).toBe('arn:aws:sts::444455556666:assumed-role/admin/laptop');
  });

  it('assumes the role with session keys of a source profile in the credentials file', async () => {
    const sso = await ssoProfile();
    const source = emu.current();
    await writeFile(
      sso.env.AWS_SHARED_CREDENTIALS_FILE ?? '',
      `[ci]\naws_access_key_id = ${source.accessKeyId}\naws_secret_access_key = ${source.secretAccessKey}\naws_session_token = ${source.sessionToken}\n`,
    );
    await appendFile(
      sso.configFile,
      '\n[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = ci\n',
    );
    const creds = await fromIni({ profile: 'deploy' })();
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)).toMatchObject({
      source: 'assume-role',
      roleName: 'deploy',
    });
    expect(emu.requests({ kind: 'sts' })).toMatchObject([
      { action: 'AssumeRole', status: 200, accessKeyId: source.accessKeyId },
    ]);
    expect(emu.count({ kind: 'sso' })).toBe(0);
  });
});

describe('the portal over plain HTTP', () => {
  const path = '/federation/credentials?role_name=Dev&account_id=111122223333';

  it('answers a request without x-amz-sso_bearer_token with 401 and the restJson error shape', async () => {
    const res = await fetch(`${emu.url}${path}`);
    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    expect(await res.json()).toEqual({ message: 'Session token not found or invalid' });
  });

  it('answers a missing role_name with 400 InvalidRequestException', async () => {
    const { accessToken } = emu.ssoLogin();
    const res = await fetch(`${emu.url}/federation/credentials?account_id=111122223333`, {
      headers: { 'x-amz-sso_bearer_token': accessToken },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
  });

  it('sends the expiration as epoch milliseconds', async () => {
    const { accessToken } = emu.ssoLogin();
    const res = await fetch(`${emu.url}${path}`, { headers: { 'x-amz-sso_bearer_token': accessToken } });
    const body = (await res.json()) as { roleCredentials: { expiration: unknown } };
    expect(body.roleCredentials.expiration).toBe(clockMs + 3_600_000);
  });

  it('serves an expired set under an expired fault and a named error under a code fault', async () => {
    const headers = { 'x-amz-sso_bearer_token': emu.ssoLogin().accessToken };
    emu.fault({ kind: 'sso', type: 'expired', times: 1 });
    const expired = (await (await fetch(`${emu.url}${path}`, { headers })).json()) as {
      roleCredentials: { expiration: number };
    };
    expect(expired.roleCredentials.expiration).toBeLessThan(clockMs);
    emu.fault({ kind: 'sso', type: 'code', code: 'ResourceNotFoundException', times: 1 });
    const missing = await fetch(`${emu.url}${path}`, { headers });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  });

  it('rejects a bad token lifetime with a TypeError', () => {
    expect(() => emu.ssoLogin({ lifetimeMs: 0 })).toThrow(TypeError);
  });
});
