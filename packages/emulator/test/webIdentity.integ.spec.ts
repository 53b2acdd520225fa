import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromTokenFile, fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'keyless-emu-'));
});

afterEach(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('STS AssumeRoleWithWebIdentity with the SDK web identity providers', () => {
  it('exchanges the token in AWS_WEB_IDENTITY_TOKEN_FILE for credentials STS then accepts', async () => {
    const file = join(dir, 'token');
    await writeFile(file, emu.webIdentityToken);
    const creds = await fromTokenFile({
      webIdentityTokenFile: file,
      roleArn: 'arn:aws:iam::123456789012:role/irsa-role',
      roleSessionName: 'pod-1',
      clientConfig: { endpoint: emu.endpoints.sts, region: 'us-east-1' },
    })();
    const issued = emu.issued().find((s) => s.accessKeyId === creds.accessKeyId);
    expect(issued).toMatchObject({
      source: 'web-identity',
      roleName: 'irsa-role',
      sessionName: 'pod-1',
      accountId: '123456789012',
    });
    expect(creds.sessionToken).toBe(issued?.sessionToken);
    expect(creds.accountId).toBe('123456789012');
    expect(emu.requests({ kind: 'sts' })).toMatchObject([
      { action: 'AssumeRoleWithWebIdentity', status: 200, tokenSent: false },
    ]);
  });

  it('rejects a token that is not in the accepted list with InvalidIdentityToken', async () => {
    const provider = fromWebToken({
      webIdentityToken: 'eyJhbGciOiJSUzI1NiJ9.e30.not-accepted',
      roleArn: 'arn:aws:iam::123456789012:role/irsa-role',
      roleSessionName: 'pod-1',
      clientConfig: { endpoint: emu.endpoints.sts, region: 'us-east-1', maxAttempts: 1 },
    });
    await expect(provider()).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});
