import { Sha256 } from '@aws-crypto/sha256-js';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromInstanceRole, type InstanceRoleProvider } from '../src/index.js';

describe('real SDK clients signed with the resolved credentials', () => {
  let emu: Emulator;
  let credentials: InstanceRoleProvider;

  beforeEach(async () => {
    emu = await startEmulator();
    credentials = fromInstanceRole({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds } });
  });
  afterEach(async () => {
    credentials.close();
    await emu.stop();
  });

  it('STSClient GetCallerIdentity: the emulator verifies the SigV4 signature', async () => {
    const sts = new STSClient({ endpoint: emu.endpoints.sts, region: 'us-east-1', credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/^arn:aws:sts::111122223333:assumed-role\/keyless-emulator-role\//);
    expect(identity.Account).toBe('111122223333');
    expect(emu.requests({ kind: 'sts' })).toMatchObject([
      { action: 'GetCallerIdentity', tokenSent: true, status: 200 },
    ]);
  });

  it('the verification is real: a wrong secret is rejected', async () => {
    const served = emu.current();
    const sts = new STSClient({
      endpoint: emu.endpoints.sts,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { ...served, secretAccessKey: `${served.secretAccessKey.slice(1)}x` },
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('invalidate() reaches the next SDK call: the SDK does not wrap the provider in its own memoizer', async () => {
    const sts = new STSClient({ endpoint: emu.endpoints.sts, region: 'us-east-1', credentials });
    await sts.send(new GetCallerIdentityCommand({}));
    const first = await credentials();
    emu.rotate();
    credentials.invalidate(first.accessKeyId);
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    expect(identity.UserId).toBeDefined();
    expect((await credentials()).accessKeyId).toBe(emu.current().accessKeyId);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
  });

  it('S3Client: the request carries a SigV4 signature made with the instance-role credentials', async () => {
    // The emulator has no S3 surface, so the signed request is captured and its signature re-derived
    // with the credentials the emulator issued, by an independent SigV4 signer.
    let signed: HttpRequest | undefined;
    const s3 = new S3Client({
      endpoint: emu.url,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    s3.middlewareStack.add(
      (next) => async (args) => {
        signed = (args as { request: HttpRequest }).request;
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'captureSigned' },
    );
    await s3.send(new ListBucketsCommand({})).catch(() => undefined);
    expect(signed?.headers['x-amz-security-token']).toBe(emu.current().sessionToken);
    const authorization = signed?.headers.authorization ?? '';
    expect(authorization).toContain(`Credential=${emu.current().accessKeyId}/`);

    const { authorization: _, ...unsigned } = signed?.headers ?? {};
    const amzDate = unsigned['x-amz-date'] ?? '';
    const signingDate = new Date(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    );
    const signer = new SignatureV4({
      credentials: emu.current(),
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
      uriEscapePath: false,
      applyChecksum: false,
    });
    const resigned = await signer.sign({ ...(signed as HttpRequest), headers: unsigned }, { signingDate });
    expect(resigned.headers.authorization).toBe(authorization);
  });
});
