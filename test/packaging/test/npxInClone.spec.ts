import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAsFreshClone } from './freshClone.js';
import { type RunResult, run } from './runNode.js';

// What a newcomer types in a fresh clone: `npm ci && npm start`, then the README's `npx keyless ...`.
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** A cold npm cache can make the install take minutes; nothing here waits on a timer otherwise. */
const INSTALL_TIMEOUT_MS = 540_000;

let work: string;
let clone: string;
let install: RunResult;

/** The user's shell, minus any AWS settings of the machine running the tests. */
function userEnv(): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
}

function npx(...args: string[]): Promise<RunResult> {
  // --no: never fetch a package of that name from the registry; the clone's own bin or nothing.
  return run('npx', ['--no', '--', 'keyless', ...args], { cwd: clone, env: userEnv() });
}

beforeAll(
  async () => {
    work = await mkdtemp(join(tmpdir(), 'keyless-clone-'));
    clone = join(work, 'keyless');
    await copyAsFreshClone(REPO_ROOT, clone);
    const quiet = ['--no-audit', '--no-fund'];
    install = await run('npm', ['ci', '--offline', ...quiet], {
      cwd: clone,
      env: userEnv(),
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
      console.warn('packaging: the npm cache lacks a dependency; installing with --prefer-offline');
      install = await run('npm', ['ci', '--prefer-offline', ...quiet], {
        cwd: clone,
        env: userEnv(),
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
    }
  },
  INSTALL_TIMEOUT_MS * 2 + 60_000,
);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

// In order: the same clone before and after `npm start`.
describe('`npx keyless` in a fresh clone', () => {
  it('`npm ci` installs, and before any build `npx keyless` says to build first', async () => {
    expect(install.code, install.stderr).toBe(0);
    const result = await npx('--help');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^keyless: the CLI is not built yet \(.*dist\/bin\.js is missing\)/);
    expect(result.stderr).toContain('Run `npm run build` (or `npm start`)');
  }, 60_000);

  it('`npm start` builds and runs the demo', async () => {
    // Over 7 min on a machine at load 40 (the build of every package, then the demo).
    const start = await run('npm', ['start'], { cwd: clone, env: userEnv(), timeoutMs: 900_000 });
    expect(start.code, `${start.stdout}\n${start.stderr}`).toBe(0);
  }, 910_000);

  it('then `npx keyless --help` lists the four commands', async () => {
    const result = await npx('--help');
    expect(result.code, result.stderr).toBe(0);
    for (const command of ['scan', 'fix', 'emulator', 'doctor'])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    // npx's own start took over 20 s on a machine at load 40.
  }, 60_000);

  it('and `npx keyless scan .` scans the clone and reports the static keys of the example repository', async () => {
    const result = await npx('scan', '.');
    // Exit 1: the migrate-repo example's template passes static keys to SDK clients on purpose.
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^examples\/migrate-repo\/template\//m);
    expect(result.stdout).toMatch(/\b\d{3,} files scanned\b/);
  }, 60_000);

  it('and `npx keyless emulator -- node -e "…"` runs the script against the emulator and exits with its code', async () => {
    const script =
      'const u = process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI; const r = await fetch(u, { headers: { authorization: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN } }); console.log(r.status, new URL(u).hostname); process.exitCode = 4;';
    const result = await npx('emulator', '--', 'node', '--input-type=module', '-e', script);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stdout).toBe('200 127.0.0.1\n');
  }, 60_000);
});
