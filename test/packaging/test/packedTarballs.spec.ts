import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, lstat, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectWorkingLibraries } from './expectWorkingLibraries.js';
import type { SmokeReport } from './publicApi.js';
import { cleanEnv, lastJsonLine, type RunResult, run } from './runNode.js';
import { scratchLockfile } from './scratchLockfile.js';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SMOKE_SCRIPTS = fileURLToPath(new URL('./smoke/', import.meta.url));
const WORKSPACES = [
  { dir: 'packages/redact', name: '@keyless/redact' },
  { dir: 'packages/emulator', name: '@keyless/emulator' },
  { dir: 'packages/credentials', name: '@keyless/credentials' },
  { dir: 'packages/shims', name: '@keyless/shims' },
  { dir: 'packages/codemod', name: '@keyless/codemod' },
  { dir: 'packages/policy', name: '@keyless/policy' },
  { dir: 'packages/cli', name: 'keyless' },
];
/** A cold npm cache can make one install take minutes; nothing here waits on a timer otherwise. */
const INSTALL_TIMEOUT_MS = 540_000;

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

let work: string;
let scratch: string;
let packed: Packed[];
let install: RunResult & { mode: string };
let emulatorProcess: ChildProcess | undefined;

function filenameOf(name: string): string {
  const found = packed.find((p) => p.name === name);
  if (found === undefined) throw new Error(`npm pack made no tarball for ${name}`);
  return found.filename;
}

beforeAll(
  async () => {
    work = await mkdtemp(join(tmpdir(), 'keyless-packaging-'));
    const tarballs = join(work, 'tarballs');
    scratch = join(work, 'app');
    await mkdir(tarballs);
    await mkdir(scratch);

    const pack = await run(
      'npm',
      ['pack', '--json', '--pack-destination', tarballs, ...WORKSPACES.flatMap((w) => ['-w', w.dir])],
      { cwd: REPO_ROOT },
    );
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    packed = JSON.parse(pack.stdout) as Packed[];

    // The scratch project pins every third-party package as the repository's lockfile does, so
    // `npm ci --offline` needs only the tarballs `npm ci` cached, not the registry's metadata.
    const project = { name: 'keyless-scratch-app', version: '1.0.0' };
    const rootLock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8'));
    const { lockfile, dependencies } = scratchLockfile(
      rootLock,
      WORKSPACES.map((w) => ({ ...w, tarball: `../tarballs/${filenameOf(w.name)}` })),
      project,
      process.env.npm_config_registry,
    );
    await writeFile(
      join(scratch, 'package.json'),
      `${JSON.stringify({ ...project, private: true, dependencies }, null, 2)}\n`,
    );
    await writeFile(join(scratch, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
    const quiet = ['--no-audit', '--no-fund'];
    install = {
      mode: 'npm ci --offline',
      ...(await run('npm', ['ci', '--offline', ...quiet], { cwd: scratch, timeoutMs: INSTALL_TIMEOUT_MS })),
    };
    if (install.code !== 0 && /ENOTCACHED/.test(install.stderr)) {
      console.warn('packaging: the npm cache lacks a dependency; installing with --prefer-offline');
      install = {
        mode: 'npm install --prefer-offline',
        ...(await run('npm', ['install', '--prefer-offline', ...quiet], {
          cwd: scratch,
          timeoutMs: INSTALL_TIMEOUT_MS,
        })),
      };
    }
    for (const script of ['probe.cjs', 'smoke.mjs', 'smoke.cjs'])
      await copyFile(join(SMOKE_SCRIPTS, script), join(scratch, script));
  },
  INSTALL_TIMEOUT_MS * 2 + 60_000,
);

afterAll(async () => {
  if (emulatorProcess && emulatorProcess.exitCode === null && emulatorProcess.signalCode === null) {
    emulatorProcess.kill('SIGKILL');
  }
  if (work) await rm(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  it('packs every library with both builds, their types, README, CHANGELOG and package.json, and nothing else', () => {
    const libraries = packed.filter((p) => p.name !== 'keyless');
    expect(libraries.map((p) => p.name).sort()).toEqual([
      '@keyless/codemod',
      '@keyless/credentials',
      '@keyless/emulator',
      '@keyless/policy',
      '@keyless/redact',
      '@keyless/shims',
    ]);
    for (const p of libraries) {
      const paths = p.files.map((f) => f.path);
      expect(paths, p.name).toEqual(
        expect.arrayContaining([
          'README.md',
          'CHANGELOG.md',
          'package.json',
          'dist/index.js',
          'dist/index.cjs',
          'dist/index.d.ts',
          'dist/index.d.cts',
        ]),
      );
      expect(
        paths.filter(
          (path) =>
            !/^(dist\/[^/]+\.(c?js|d\.c?ts)|README\.md|CHANGELOG\.md|package\.json|LICENSE)$/.test(path),
        ),
        p.name,
      ).toEqual([]);
    }
  });

  it('packs the CLI with its bin, README, CHANGELOG and package.json, and nothing else', () => {
    const cli = packed.find((p) => p.name === 'keyless');
    const paths = cli?.files.map((f) => f.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['README.md', 'CHANGELOG.md', 'package.json', 'bin/keyless.js', 'dist/bin.js']),
    );
    expect(
      paths.filter(
        (path) =>
          !/^(bin\/keyless\.js|dist\/[^/]+\.js|README\.md|CHANGELOG\.md|package\.json|LICENSE)$/.test(path),
      ),
    ).toEqual([]);
  });

  it('publint finds nothing wrong with the CLI package (the libraries run it in their pkgcheck)', async () => {
    const { messages } = await publint({ pkgDir: join(REPO_ROOT, 'packages/cli'), strict: true });
    expect(messages).toEqual([]);
  });
});

describe('the tarballs installed in a project outside the workspace', () => {
  it('install from the tarballs, not links, with dependencies from the npm cache', async () => {
    expect(relative(REPO_ROOT, scratch).startsWith('..')).toBe(true);
    expect(install.code, `${install.mode}:\n${install.stderr}`).toBe(0);
    for (const name of [
      '@keyless/redact',
      '@keyless/emulator',
      '@keyless/credentials',
      '@keyless/shims',
      '@keyless/codemod',
      '@keyless/policy',
      'keyless',
    ]) {
      const dir = join(scratch, 'node_modules', name);
      expect((await lstat(dir)).isSymbolicLink(), name).toBe(false);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
      expect(manifest.version).toBe('0.1.0');
    }
  });

  it.each([
    ['an ESM script imports', 'smoke.mjs', 'esm'],
    ['a CJS script requires', 'smoke.cjs', 'cjs'],
  ] as const)(
    '%s every library, and they work together against the emulator',
    async (_what, script, format) => {
      const result = await run(process.execPath, [script], { cwd: scratch });
      const report = lastJsonLine<SmokeReport>(result);
      expect(report.format).toBe(format);
      expectWorkingLibraries(report);
    },
  );

  it('`npx keyless --help` lists the four commands', async () => {
    const result = await run('npx', ['--no', '--', 'keyless', '--help'], { cwd: scratch });
    expect(result.code, result.stderr).toBe(0);
    for (const command of ['scan', 'fix', 'emulator', 'doctor'])
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('`keyless emulator` prints export lines for a server that answers, and stops cleanly on SIGTERM', async () => {
    const proc = spawn(join(scratch, 'node_modules', '.bin', 'keyless'), ['emulator'], {
      cwd: scratch,
      env: cleanEnv(process.env),
    });
    emulatorProcess = proc;
    let stdout = '';
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/^export AWS_REGION=/m.test(stdout)) resolve();
      });
      proc.once('exit', (code) =>
        reject(new Error(`keyless emulator exited with ${code}:\n${stdout}\n${stderr}`)),
      );
    });

    const exported = Object.fromEntries(
      [...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect(Object.keys(exported).sort()).toEqual([
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_EC2_METADATA_SERVICE_ENDPOINT',
      'AWS_ENDPOINT_URL_S3',
      'AWS_ENDPOINT_URL_SSO',
      'AWS_ENDPOINT_URL_STS',
      'AWS_REGION',
    ]);
    expect(exported.AWS_EC2_METADATA_SERVICE_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await fetch(`${exported.AWS_EC2_METADATA_SERVICE_ENDPOINT}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    expect(token.status).toBe(200);
    expect((await token.text()).length).toBeGreaterThan(0);

    proc.kill('SIGTERM');
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
