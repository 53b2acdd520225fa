import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
});

afterEach(async () => {
  await emu.stop();
});

describe('container endpoints with the SDK fromHttp', () => {
  it('serves ECS task credentials at the relative-URI path', async () => {
    // The SDK joins a RELATIVE_URI to 169.254.170.2; on loopback the same path is reached through a full URI.
    const creds = await fromHttp({
      awsContainerCredentialsFullUri: `${emu.url}${emu.endpoints.containerRelativeUri}`,
      maxRetries: 0,
    })();
    expect(creds.accessKeyId).toBe(emu.current().accessKeyId);
    expect(creds.sessionToken).toBe(emu.current().sessionToken);
    expect(emu.requests({ kind: 'container' })).toMatchObject([{ status: 200, tokenSent: false }]);
  });

  it('serves EKS Pod Identity credentials when the Authorization token matches', async () => {
    const creds = await fromHttp({
      awsContainerCredentialsFullUri: emu.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '',
      awsContainerAuthorizationToken: emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
      maxRetries: 0,
    })();
    expect(creds.secretAccessKey).toBe(emu.current().secretAccessKey);
    expect(creds.expiration?.getTime()).toBe(emu.current().expiration.getTime());
  });

  it('re-reads the token file on every fetch, like EKS token rotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keyless-emu-'));
    try {
      const file = join(dir, 'token');
      await writeFile(file, 'stale-token');
      const provider = () =>
        fromHttp({
          awsContainerCredentialsFullUri: emu.endpoints.containerFullUri,
          awsContainerAuthorizationTokenFile: file,
          maxRetries: 0,
        })();
      await expect(provider()).rejects.toMatchObject({
        message: 'Server responded with status: 403',
        Message: 'invalid Authorization token',
      });
      await writeFile(file, emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '');
      await expect(provider()).resolves.toMatchObject({ accessKeyId: emu.current().accessKeyId });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('answers a missing Authorization with 400 and an unknown ECS id with InvalidIdInRequest', async () => {
    await expect(
      fromHttp({ awsContainerCredentialsFullUri: emu.endpoints.containerFullUri, maxRetries: 0 })(),
    ).rejects.toMatchObject({
      message: 'Server responded with status: 400',
    });
    const res = await fetch(`${emu.url}/v2/credentials/not-the-id`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'InvalidIdInRequest',
      message: 'CredentialsV2Request: Credentials not found',
    });
    const none = await fetch(`${emu.url}/v2/credentials/`);
    expect(await none.json()).toMatchObject({ code: 'NoIdInRequest' });
  });

  it('refuses credentials after detachRole and serves them again after attachRole', async () => {
    const uri = `${emu.url}${emu.endpoints.containerRelativeUri}`;
    emu.detachRole();
    await expect(fromHttp({ awsContainerCredentialsFullUri: uri, maxRetries: 0 })()).rejects.toMatchObject({
      message: 'Server responded with status: 400',
    });
    emu.attachRole('other-role');
    const res = await fetch(uri);
    expect(await res.json()).toMatchObject({ RoleArn: 'arn:aws:iam::111122223333:role/other-role' });
  });
});
