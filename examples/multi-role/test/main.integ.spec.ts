import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const EXAMPLE_DIR = fileURLToPath(new URL('..', import.meta.url));

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.stop();
});

/** Runs `src/main.ts` as `npm start` does (tsx), with its whole environment given. */
async function runMain(env: Record<string, string>) {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
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

function hostEnv(): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
    // Generous: the first IMDS contact is one attempt, and a busy CI machine can take over 1 s.
    AWS_METADATA_SERVICE_TIMEOUT: '5',
    AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
    AWS_ENDPOINT_URL_S3: emu.endpoints.s3,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
    AWS_CONFIG_FILE: '/nonexistent/keyless/config',
    INVOICES_ROLE_ARN: 'arn:aws:iam::444455556666:role/invoice-writer',
    INVOICES_BUCKET: 'billing-invoices',
    AUDIT_ROLE_ARN: 'arn:aws:iam::777788889999:role/audit-writer',
    AUDIT_BUCKET: 'security-audit',
  };
}

// Each test starts Node with tsx, which can take several seconds on a loaded CI machine.
describe('src/main.ts (npm start) as a process', { timeout: 60_000 }, () => {
  it('calls each downstream as its role and records three orders with two AssumeRole calls', async () => {
    const run = await runMain(hostEnv());

    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => /^(\w+: calls|order )/.test(l));
    expect(lines).toEqual([
      'invoices: calls made as arn:aws:sts::444455556666:assumed-role/invoice-writer/orders-api',
      'audit: calls made as arn:aws:sts::777788889999:assumed-role/audit-writer/orders-api',
      expect.stringMatching(
        /^order 1001: s3:\/\/billing-invoices\/invoices\/1001\.json, s3:\/\/security-audit\/orders\//,
      ),
      expect.stringMatching(/^order 1002: /),
      expect.stringMatching(/^order 1003: /),
    ]);
    expect(emu.count({ kind: 'sts', action: 'AssumeRole', status: 200 })).toBe(2);
    expect(emu.count({ kind: 's3', method: 'PUT', status: 200 })).toBe(6);
    expect(emu.count({ kind: 's3' })).toBe(6);
  });

  it('exits 2 naming every missing setting', async () => {
    const { INVOICES_ROLE_ARN: _, AUDIT_BUCKET: __, ...env } = hostEnv();
    const run = await runMain(env);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('INVOICES_ROLE_ARN must be an IAM role ARN');
    expect(run.stderr).toContain('AUDIT_BUCKET must be an S3 bucket name');
    expect(emu.count()).toBe(0);
  });
});
