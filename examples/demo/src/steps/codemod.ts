import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { materializeRepo } from '@keyless/example-migrate-repo';
import type { Narrator } from '../Narrator.js';

const run = promisify(execFile);
const keylessBin = join(
  dirname(createRequire(import.meta.url).resolve('keyless/package.json')),
  'dist',
  'bin.js',
);

/** Runs the real `keyless` command, as a user would; exit code 1 means "findings", not failure. */
async function keyless(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [keylessBin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout };
  } catch (error: unknown) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (failed.code === 1 && typeof failed.stdout === 'string') return { code: 1, stdout: failed.stdout };
    throw new Error(`keyless ${args[0]} failed: ${failed.stderr ?? String(error)}`);
  }
}

/**
 * Step 4: `keyless scan`, `keyless fix --dry-run` and `keyless policy` over a copy of examples/migrate-repo whose keys
 * were generated a moment ago. Returns the key ids written, so a test can check the rotation list.
 */
export async function codemod(out: Narrator): Promise<string[]> {
  out.step(
    5,
    'A repository with hard-coded keys: keyless scan, then keyless fix --dry-run (and the role it needs)',
  );
  const dir = await mkdtemp(join(tmpdir(), 'keyless-demo-repo-'));
  try {
    const repo = await materializeRepo(dir);
    out.say(`a copy of examples/migrate-repo with ${repo.accessKeyIds.length} freshly generated keys`);
    out.say('$ keyless scan .');
    const scan = await keyless(['scan', '.'], dir);
    out.quote(scan.stdout);
    out.say('$ keyless fix --dry-run .');
    const fix = await keyless(['fix', '--dry-run', '.'], dir);
    out.quote(fix.stdout);
    out.say('$ keyless policy .   # the role that replaces the keys');
    const policy = await keyless(['policy', '.'], dir);
    out.quote(policy.stdout);
    return repo.accessKeyIds;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
