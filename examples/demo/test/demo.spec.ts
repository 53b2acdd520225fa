// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM reference placeholders in the demo's output
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const demoDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs the demo exactly as `npm start` does (a child process on the built packages) and checks what a
 * newcomer reads, so the README's story cannot drift from what the code does.
 */
describe('npm start demo', () => {
  let output = '';

  beforeAll(async () => {
    const tsx = fileURLToPath(import.meta.resolve('tsx/cli'));
    const { stdout } = await run(process.execPath, [tsx, 'src/main.ts'], { cwd: demoDir, timeout: 90_000 });
    output = stdout;
  }, 120_000);

  it('resolves instance-role credentials from IMDS and gets a verified STS call', () => {
    expect(output).toMatch(/✓ source: imds, key ASIA…[A-Z2-7]{4}/);
    expect(output).toMatch(/accepted by the emulator's STS: arn:aws:sts::\d{12}:assumed-role\//);
    expect(output).toContain('metadata requests: 1 token, 1 role name, 1 credentials');
  });

  it('refreshes in the background across several credential sets', () => {
    const summary = output.match(/✓ (\d+) calls, (\d+) different keys, (\d+) background refreshes/);
    expect(summary).not.toBeNull();
    expect(Number(summary?.[2])).toBeGreaterThanOrEqual(3);
    expect(Number(summary?.[3])).toBeGreaterThanOrEqual(2);
  });

  it('resolves a Lambda env session and an SSO profile as roles, with no warning', () => {
    expect(output).toMatch(/✓ source: lambda, kind: role, key ASIA…[A-Z2-7]{4}; 0 IMDS requests/);
    expect(output).toMatch(
      /✓ source: profile-chain, kind: role, key ASIA…[A-Z2-7]{4}; the emulator's STS says arn:aws:sts::\d{12}:assumed-role\//,
    );
    expect(output).toContain('✓ 0 warnings: temporary keys');
  });

  it('falls back to env keys with exactly one masked warning, and deny refuses them', () => {
    expect(output).toMatch(/staticKeys: 'warn' \(the default\) → source env, key AKIA…[A-Z2-7]{4}/);
    expect(output).toContain('three refreshes, 1 warning:');
    expect(output).toMatch(/│ \[keyless\] using long-lived AWS keys from env \(AKIA…[A-Z2-7]{4}\)/);
    expect(output).toContain("staticKeys: 'deny' → CredentialsChainError");
    expect(output).toMatch(/- imds: failed .*no IAM role is attached/);
  });

  it('scans and fixes the migrate-repo copy with a rotation list of every generated key', () => {
    expect(output).toMatch(/findings in \d+ files/);
    expect(output).toContain('+  credentials: fromInstanceRole(),');
    const rotation = output.slice(output.lastIndexOf('Rotate '));
    expect(rotation).toMatch(/^Rotate 4 leaked access keys/);
    expect(rotation.match(/AKIA…[A-Z2-7]{4}/g)).toHaveLength(4);
  });

  it('ends the fix with the commands for the role, then shows the policy keyless policy derives', () => {
    const role = output.slice(output.lastIndexOf('Then create the role that replaces these keys'));
    expect(role).toContain('keyless policy . --format terraform');
    const policy = output.slice(output.lastIndexOf('$ keyless policy .'));
    expect(policy).toContain('"sqs:SendMessage"');
    // The queue URL comes from env: a parameter until `--env QUEUE_URL=...` gives it.
    expect(policy).toContain('"${QUEUE_URL}"');
  });

  it('never prints an unmasked key id or a secret-looking value', () => {
    expect(output).not.toMatch(/\b(AKIA|ASIA)[A-Z2-7]{16}\b/);
    expect(output).not.toMatch(/['"=][A-Za-z0-9/+]{40}['"\s]/);
  });
});
