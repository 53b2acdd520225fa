import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ec2HostEnv } from './support.js';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.stop();
});

/** Runs `src/main.cjs` as `npm start` does, with its whole environment given. */
async function runMain(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['src/main.cjs'], {
    cwd: EXAMPLE_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [code] = (await once(proc, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

// Each test starts a Node process, which can take seconds on a loaded CI machine.
describe('src/main.cjs (npm start) as a process', { timeout: 60_000 }, () => {
  it('exports to S3 as the instance role found through the environment, then exits 0', async () => {
    const run = await runMain({
      ...ec2HostEnv(emu),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      AWS_ENDPOINT_URL_S3: emu.endpoints.s3,
      EXPORT_BUCKET: 'keyless-example-exports',
    });

    const served = emu.current();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^writing s3://keyless-example-exports/exports/\\d{4}-\\d\\d-\\d\\d\\.csv as arn:aws:sts::111122223333:assumed-role/keyless-emulator-role/${served.sessionName}\\nexported 2 rows$`,
        'm',
      ),
    );
    expect(emu.requests({ kind: 's3' })).toMatchObject([
      { method: 'PUT', status: 200, accessKeyId: served.accessKeyId },
    ]);
    expect(emu.count({ kind: 'sts', action: 'GetCallerIdentity', status: 200 })).toBe(1);
  });

  it('exits 1 saying which sources it tried when there is no role and no key', async () => {
    emu.detachRole();
    const run = await runMain({
      ...ec2HostEnv(emu),
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      AWS_ENDPOINT_URL_S3: emu.endpoints.s3,
      EXPORT_BUCKET: 'keyless-example-exports',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('legacy-v2: export failed: Missing credentials in config');
    expect(run.stderr).toMatch(/imds: failed .*no IAM role is attached/);
    expect(emu.count({ kind: 'sts' })).toBe(0);
    expect(emu.count({ kind: 's3' })).toBe(0);
  });

  it('exits 2 when EXPORT_BUCKET is not set', async () => {
    const run = await runMain({ AWS_REGION: 'us-east-1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('set EXPORT_BUCKET');
  });
});
