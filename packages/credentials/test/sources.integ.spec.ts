import { execFileSync } from 'node:child_process';
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialsChainError } from '../src/errors/CredentialsChainError.js';
import { type FromInstanceRoleInit, fromInstanceRole, type InstanceRoleProvider } from '../src/index.js';
import { FakeTime } from './support/FakeTime.js';
import { tempFiles } from './support/tempFiles.js';

describe('every source against the emulator', () => {
  let emu: Emulator;
  let time: FakeTime;
  let files: ReturnType<typeof tempFiles>;
  const providers: InstanceRoleProvider[] = [];
  const provider = (init: FromInstanceRoleInit): InstanceRoleProvider => {
    const p = fromInstanceRole({ clock: time, scheduler: time, ...init });
    providers.push(p);
    return p;
  };

  beforeEach(async () => {
    time = new FakeTime();
    emu = await startEmulator({ clock: time });
    files = tempFiles();
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await emu.stop();
    files.cleanup();
  });

  it('imds: the instance role, then one request per refresh', async () => {
    const p = provider({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds } });
    const first = await p();
    const served = emu.current();
    expect(first).toMatchObject({
      source: 'imds',
      accessKeyId: served.accessKeyId,
      accountId: '111122223333',
    });
    expect(first.secretAccessKey).toBe(served.secretAccessKey);
    expect(first.sessionToken).toBe(served.sessionToken);
    expect(first.expiration?.getTime()).toBe(served.expiration.getTime());
    expect(emu.requests().map((r) => r.kind)).toEqual(['imds-token', 'imds-role-list', 'imds-credentials']);

    emu.resetRequests();
    emu.rotate();
    p.invalidate(first.accessKeyId);
    const second = await p();
    expect(second.accessKeyId).toBe(emu.current().accessKeyId);
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(emu.requests().map((r) => `${r.kind} ${r.tokenSent}`)).toEqual(['imds-credentials true']);
  });

  it('imds: falls back to the legacy path when the extended API answers 404', async () => {
    await emu.stop();
    emu = await startEmulator({ clock: time, extendedApi: false });
    const p = provider({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds } });
    const creds = await p();
    expect(creds.accessKeyId).toBe(emu.current().accessKeyId);
    expect(creds.accountId).toBeUndefined();
    expect(emu.requests().map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /latest/api/token',
      '404 /latest/meta-data/iam/security-credentials-extended/',
      '200 /latest/meta-data/iam/security-credentials/',
      '200 /latest/meta-data/iam/security-credentials/keyless-emulator-role',
    ]);
  });

  it('container: the EKS Pod Identity style endpoint with its Authorization token', async () => {
    const p = provider({ env: { ...emu.env } });
    const creds = await p();
    expect(creds).toMatchObject({ source: 'container', accessKeyId: emu.current().accessKeyId });
    expect(emu.requests()).toMatchObject([{ kind: 'container', tokenSent: true, status: 200 }]);
    expect(emu.count({ kind: 'imds-token' })).toBe(0);
  });

  it('container: the ECS style path without a token', async () => {
    const p = provider({
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}${emu.endpoints.containerRelativeUri}` },
    });
    expect(await p()).toMatchObject({ source: 'container', accessKeyId: emu.current().accessKeyId });
    expect(emu.requests()).toMatchObject([{ kind: 'container', tokenSent: false, status: 200 }]);
  });

  it('container: re-reads AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE on every fetch', async () => {
    const tokenFile = files.write('token', 'not-the-token');
    const p = provider({
      sources: ['container'],
      env: {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.endpoints.containerFullUri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile,
      },
      staticKeys: 'deny',
    });
    const error = await p().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsChainError);
    expect((error as Error).message).toMatch(
      /container: failed after \d+ ms: container: http:\/\/127\.0\.0\.1:\d+\/v1\/credentials answered 403/,
    );
    files.write('token', `${emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN}\n`);
    expect(await p()).toMatchObject({ source: 'container' });
  });

  it('web identity: AssumeRoleWithWebIdentity with the token file, through the SDK', async () => {
    const tokenFile = files.write('web-identity-token', emu.webIdentityToken);
    const p = provider({
      env: {
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: emu.roleArn,
        AWS_ROLE_SESSION_NAME: 'keyless-test',
        AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
        AWS_REGION: 'eu-west-1',
      },
    });
    const creds = await p();
    expect(creds.source).toBe('web-identity');
    expect(creds.expiration).toBeInstanceOf(Date);
    const sts = emu.issued().find((s) => s.accessKeyId === creds.accessKeyId);
    expect(sts?.secretAccessKey).toBe(creds.secretAccessKey);
    expect(emu.count({ kind: 'sts', action: 'AssumeRoleWithWebIdentity' })).toBe(1);
  });

  it('web identity: a token STS rejects is reported with its code', async () => {
    const tokenFile = files.write('web-identity-token', 'eyJhbGciOiJub25lIn0.e30.');
    const p = provider({
      sources: ['web-identity'],
      staticKeys: 'deny',
      env: {
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: emu.roleArn,
        AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      },
    });
    await expect(p()).rejects.toThrow(
      /web-identity: failed after \d+ ms: web-identity: AssumeRoleWithWebIdentity at http:\/\/127\.0\.0\.1:\d+ failed \(InvalidIdentityToken/,
    );
  });

  it('web identity: an STS endpoint that never answers fails the source instead of hanging', async () => {
    const tokenFile = files.write('web-identity-token', emu.webIdentityToken);
    emu.fault({ kind: 'sts', type: 'hang' });
    const p = provider({
      sources: ['web-identity'],
      staticKeys: 'deny',
      env: {
        AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
        AWS_ROLE_ARN: emu.roleArn,
        AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      },
    });
    await expect(p()).rejects.toThrow(
      /web-identity: failed after \d+ ms: .*AssumeRoleWithWebIdentity at \S+ failed \(TimeoutError/,
    );
  }, 30_000);

  it('a configured container endpoint that fails ends the search: IMDS is never asked', async () => {
    const p = provider({ env: { ...emu.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'wrong' } });
    const error = await p().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsChainError);
    expect((error as Error).message).toMatch(/container is configured here and failed/);
    expect((error as CredentialsChainError).attempts.map((a) => `${a.source} ${a.outcome}`)).toEqual([
      'lambda skipped',
      'env-session skipped',
      'profile-chain skipped',
      'container failed',
    ]);
    // The container answered 403; the host's instance role would be another principal.
    expect(emu.requests().map((r) => r.kind)).toEqual(['container']);
    const onlyImds = provider({ sources: ['imds'], env: { ...emu.env }, profile: 'other' });
    emu.resetRequests();
    expect((await onlyImds()).source).toBe('imds');
    expect(emu.count({ kind: 'container' })).toBe(0);
  });

  it('skips every source that is not configured without a network call, then asks IMDS', async () => {
    const p = provider({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds } });
    expect(await p()).toMatchObject({ source: 'imds', kind: 'role' });
    expect(emu.requests().map((r) => r.kind)).toEqual(['imds-token', 'imds-role-list', 'imds-credentials']);
  });

  it('env: static keys after the role sources, with source env', async () => {
    const accessKeyId = fakeAccessKeyId();
    const secretAccessKey = fakeSecretAccessKey();
    const p = provider({
      staticKeys: 'allow',
      env: {
        AWS_ACCESS_KEY_ID: accessKeyId,
        AWS_SECRET_ACCESS_KEY: secretAccessKey,
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(await p()).toEqual({ accessKeyId, secretAccessKey, source: 'env', kind: 'long-lived' });
    expect(emu.requests()).toEqual([]);
  });

  it('profile: keys from the shared credentials file of the selected profile', async () => {
    const accessKeyId = fakeAccessKeyId();
    const secretAccessKey = fakeSecretAccessKey();
    const credentialsFile = files.write(
      'credentials',
      `[default]\naws_access_key_id = ${fakeAccessKeyId()}\naws_secret_access_key = ${fakeSecretAccessKey()}\n` +
        `[ci]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`,
    );
    const p = provider({
      staticKeys: 'allow',
      env: {
        AWS_PROFILE: 'ci',
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_CONFIG_FILE: files.write('config', ''),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(await p()).toEqual({ accessKeyId, secretAccessKey, source: 'profile', kind: 'long-lived' });
  });

  it('hard-coded: staticCredentials come before env and profile', async () => {
    const staticCredentials = { accessKeyId: fakeAccessKeyId(), secretAccessKey: fakeSecretAccessKey() };
    const p = provider({
      staticKeys: 'allow',
      staticCredentials,
      env: {
        AWS_ACCESS_KEY_ID: fakeAccessKeyId(),
        AWS_SECRET_ACCESS_KEY: fakeSecretAccessKey(),
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    });
    expect(await p()).toEqual({ ...staticCredentials, source: 'hard-coded', kind: 'long-lived' });
  });

  it('reads the IMDS endpoint from the shared config profile', async () => {
    const config = files.write(
      'config',
      `[profile ops]\nec2_metadata_service_endpoint = ${emu.endpoints.imds}\n`,
    );
    const p = provider({
      profile: 'ops',
      env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: files.write('c', '') },
    });
    expect((await p()).source).toBe('imds');
  });

  describe.each([
    ['a FIFO no one writes to', (path: string) => execFileSync('mkfifo', [path]), /is not a regular file/],
    [
      'a 100 MB file',
      (path: string) => {
        writeFileSync(path, '');
        truncateSync(path, 100 * 1024 * 1024);
      },
      /is larger than 16 KiB/,
    ],
  ])('a token file that is %s fails at once with a clear error', (_label, make, message) => {
    const tokenFile = (): string => {
      const path = join(files.dir, 'token');
      rmSync(path, { force: true });
      make(path);
      return path;
    };
    it.each([
      [
        'container',
        () => ({
          AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.endpoints.containerFullUri,
          AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile(),
        }),
      ],
      [
        'web-identity',
        () => ({
          AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile(),
          AWS_ROLE_ARN: emu.roleArn,
          AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
        }),
      ],
    ] as const)('%s', async (source, env) => {
      const started = performance.now();
      const error = await provider({ sources: [source], env: env() })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialsChainError);
      expect((error as CredentialsChainError).attempts.at(-1)).toMatchObject({ source, outcome: 'failed' });
      expect((error as Error).message).toMatch(message);
      // A generous bound: the FIFO used to hang the fetch past every deadline.
      expect(performance.now() - started).toBeLessThan(5000);
      expect(emu.count({ kind: source === 'container' ? 'container' : 'sts' })).toBe(0);
    });
  });
});
