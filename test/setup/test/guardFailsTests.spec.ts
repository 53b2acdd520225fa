import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

interface Report {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

it('fails the tests that reach off loopback, even when they swallow the error, and no other', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-guard-'));
  try {
    const outputFile = join(dir, 'report.json');
    const child = spawn(process.execPath, [vitestBin, 'run', '--config', 'vitest.config.ts'], {
      cwd: fixtures,
      // As on a CI host inside ECS: the setup must remove these before any test runs.
      env: {
        ...process.env,
        KEYLESS_GUARD_REPORT: outputFile,
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/inherited',
        ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/inherited',
      },
      stdio: 'ignore',
      timeout: 170_000,
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    const report = JSON.parse(await readFile(outputFile, 'utf8')) as Report;
    const results = Object.fromEntries(
      report.testResults.flatMap((f) => f.assertionResults).map((r) => [r.title, r]),
    );
    expect(results['connects to a non-loopback address']?.status).toBe('failed');
    expect(results['connects to a non-loopback address']?.failureMessages.join()).toContain(
      'a connection to 224.0.0.1:80',
    );
    expect(results['looks up a name a DNS server would have to answer']?.status).toBe('failed');
    expect(results['looks up a name a DNS server would have to answer']?.failureMessages.join()).toContain(
      'a DNS lookup of keyless-network-guard.invalid',
    );
    expect(results['reads the AWS environment it inherited']?.status).toBe('passed');
    expect(results['talks to a server on loopback']?.status).toBe('passed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // A whole vitest run in a child process: on a loaded machine it takes far longer than one test.
}, 180_000);
