import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CredentialSet, type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;
let clockMs: number;

beforeEach(async () => {
  clockMs = Date.now();
  emu = await startEmulator({ clock: { now: () => clockMs } });
});

afterEach(async () => {
  await emu.stop();
});

function sts(credentials: Pick<CredentialSet, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>) {
  return new STSClient({ endpoint: emu.endpoints.sts, region: 'us-east-1', credentials, maxAttempts: 1 });
}

describe('STS with the SDK STSClient', () => {
  it('answers GetCallerIdentity signed with the served instance-role credentials', async () => {
    const set = emu.current();
    const out = await sts(set).send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe('111122223333');
    expect(out.Arn).toBe(`arn:aws:sts::111122223333:assumed-role/keyless-emulator-role/${set.sessionName}`);
    expect(out.UserId).toMatch(/^AROA[A-Z2-7]{17}:i-[0-9a-f]{17}$/);
  });

  it('assumes a role and accepts the new credentials for the next call', async () => {
    const caller = sts(emu.current());
    const out = await caller.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::444455556666:role/deploy',
        RoleSessionName: 'ci-run',
        DurationSeconds: 900,
      }),
    );
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(c?.Expiration?.getTime()).toBe(clockMs + 900_000);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/deploy/ci-run');
    const assumed = sts({
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    });
    const who = await assumed.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::444455556666:assumed-role/deploy/ci-run');
    expect(emu.issued().map((s) => s.source)).toEqual(['instance-role', 'assume-role']);
  });

  it('rejects a request signed with the wrong secret with SignatureDoesNotMatch', async () => {
    const set = emu.current();
    const wrong = `${set.secretAccessKey.slice(0, -1)}${set.secretAccessKey.endsWith('A') ? 'B' : 'A'}`;
    await expect(
      sts({ ...set, secretAccessKey: wrong }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('rejects an access key id it never issued with InvalidClientTokenId', async () => {
    const set = emu.current();
    const unknown = `ASIA${'Q'.repeat(16)}`;
    await expect(
      sts({ ...set, accessKeyId: unknown }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('rejects a session token that does not belong to the key with InvalidClientTokenId', async () => {
    const set = emu.current();
    const other = emu.rotate();
    await expect(
      sts({ ...set, sessionToken: other.sessionToken }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
  });

  it('rejects an expired set with ExpiredToken, and keeps accepting a rotated-out set until it expires', async () => {
    const first = emu.current();
    clockMs += 6 * 3_600_000 - 10 * 60_000; // inside the 15 min rotation lead
    const second = emu.current();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    await expect(sts(first).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
      Account: '111122223333',
    });
    clockMs += 10 * 60_000;
    await expect(sts(first).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(sts(second).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined();
  });

  it('rejects an AssumeRole with a malformed role ARN with ValidationError', async () => {
    await expect(
      sts(emu.current()).send(new AssumeRoleCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'x1' })),
    ).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
  });
});
