import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { fakeStaticKeys } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUCKET = 'keyless-example-notes';

let emu: Emulator;
let home: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  emu = await startEmulator();
  home = await mkdtemp(join(tmpdir(), 'keyless-ec2-service-'));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
  child = undefined;
  await emu.stop();
  await rm(home, { recursive: true, force: true });
});

/** The service's environment, passed whole: nothing leaks in from the machine running the test. */
function hostEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    PORT: '0',
    NOTES_BUCKET: BUCKET,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
    // Generous: the first IMDS contact is one attempt, and a busy CI machine can take over 1 s.
    AWS_METADATA_SERVICE_TIMEOUT: '5',
    AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
    AWS_ENDPOINT_URL_S3: emu.endpoints.s3,
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_CONFIG_FILE: join(home, 'no-config'),
    ...extra,
  };
}

/** Runs `src/main.ts` as `npm start` does (tsx), and resolves with its URL once it listens. */
async function startService(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: EXAMPLE_DIR, env });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m?.[1]) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`service exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return { url, proc, stderr: () => stderr };
}

// Each test starts Node with tsx, which can take several seconds on a loaded CI machine.
describe('src/main.ts (npm start) as a process', { timeout: 60_000 }, () => {
  it('serves with instance-role credentials taken from the environment, and stops on SIGTERM', async () => {
    const service = await startService(hostEnv());
    const identity = (await (await fetch(`${service.url}/identity`)).json()) as Record<string, string>;
    const put = await fetch(`${service.url}/notes/todo`, { method: 'PUT', body: 'rotate keys' });

    const served = emu.current();
    expect(identity.arn).toBe(
      `arn:aws:sts::111122223333:assumed-role/keyless-emulator-role/${served.sessionName}`,
    );
    expect(identity.credentialSource).toBe('imds');
    expect(put.status).toBe(201);
    expect(emu.requests({ kind: 's3' })).toMatchObject([
      { method: 'PUT', status: 200, accessKeyId: served.accessKeyId },
    ]);
    expect(service.stderr()).not.toMatch(/static|fall/i);

    service.proc.kill('SIGTERM');
    const [code] = await once(service.proc, 'exit');
    expect(code).toBe(0);
  });

  it('falls back to static keys in env with one masked warning when the host has no role', async () => {
    emu.detachRole();
    // Key-shaped values made at run time.
    const { accessKeyId, secretAccessKey } = fakeStaticKeys();
    const service = await startService(
      hostEnv({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey }),
    );
    const a = await fetch(`${service.url}/notes/a`, { method: 'PUT', body: '1' });
    await fetch(`${service.url}/notes/b`, { method: 'PUT', body: '2' });

    // The emulator's S3 knows only the keys it issued, so it refuses these as AWS refuses a revoked
    // key: proof that the service signed with them.
    expect(a.status).toBe(502);
    expect(emu.requests({ kind: 's3' }).map((r) => [r.status, r.accessKeyId])).toEqual([
      [403, accessKeyId],
      [403, accessKeyId],
    ]);
    const stderr = service.stderr();
    expect(stderr.match(/keyless\.static-fallback/g)).toHaveLength(1);
    expect(stderr).toContain(
      `using long-lived AWS keys from env (${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)})`,
    );
    expect(service.stderr()).not.toContain(accessKeyId);
    expect(service.stderr()).not.toContain(secretAccessKey);
  });

  it('exits 2 with a clear message when NOTES_BUCKET is missing', async () => {
    const { NOTES_BUCKET: _, ...env } = hostEnv();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: EXAMPLE_DIR, env });
    child = proc;
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(stderr).toContain('NOTES_BUCKET must name the S3 bucket');
  });
});
