import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;
let dir: string;

beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'keyless-chain-'));
  const config = join(dir, 'config');
  await writeFile(
    config,
    ['Ec2InstanceMetadata', 'EcsContainer', 'Environment']
      .map(
        (source) =>
          `[profile via-${source}]\nrole_arn = arn:aws:iam::444455556666:role/${source}\ncredential_source = ${source}\nregion = us-east-1\n`,
      )
      .join('\n'),
  );
  vi.stubEnv('HOME', dir);
  vi.stubEnv('AWS_CONFIG_FILE', config);
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
  vi.stubEnv('AWS_ENDPOINT_URL_STS', emu.endpoints.sts);
});

afterEach(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The SDK's role_arn + credential_source chain, and the key that signed its AssumeRole call. */
async function assume(source: string) {
  const creds = await fromIni({ profile: `via-${source}` })();
  const [call] = emu.requests({ kind: 'sts', action: 'AssumeRole' });
  return { creds, signedBy: call?.accessKeyId, status: call?.status };
}

describe('role_arn + credential_source chains through the emulator', () => {
  it('Ec2InstanceMetadata: assumes the role with the instance-role set from IMDS', async () => {
    vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', emu.endpoints.imds);
    const { creds, signedBy, status } = await assume('Ec2InstanceMetadata');
    expect(status).toBe(200);
    expect(signedBy).toBe(emu.current().accessKeyId);
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)).toMatchObject({
      source: 'assume-role',
      roleName: 'Ec2InstanceMetadata',
    });
    expect(emu.count({ kind: 'imds-credentials', status: 200 })).toBe(1);
  });

  it('EcsContainer: assumes the role with the container set', async () => {
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', emu.endpoints.containerFullUri);
    vi.stubEnv('AWS_CONTAINER_AUTHORIZATION_TOKEN', emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '');
    const { creds, signedBy, status } = await assume('EcsContainer');
    expect(status).toBe(200);
    expect(signedBy).toBe(emu.current().accessKeyId);
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)?.roleName).toBe('EcsContainer');
    expect(emu.count({ kind: 'container', status: 200 })).toBe(1);
  });

  it('Environment: assumes the role with the session keys in the environment', async () => {
    const source = emu.rotate();
    vi.stubEnv('AWS_ACCESS_KEY_ID', source.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', source.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', source.sessionToken);
    const { creds, signedBy, status } = await assume('Environment');
    expect(status).toBe(200);
    expect(signedBy).toBe(source.accessKeyId);
    expect(emu.issued().find((s) => s.accessKeyId === creds.accessKeyId)?.roleName).toBe('Environment');
  });
});
