import { spawnSync } from 'node:child_process';
import { chmod, chown, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  fakeAccessKeyId,
  fakeSecretAccessKey,
  git,
  initRepo,
  masked,
  tempDir,
  writeTree,
} from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { main } from '../main.js';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

describe('keyless fix', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let id: string;
  let secret: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    id = fakeAccessKeyId();
    secret = fakeSecretAccessKey();
  });
  afterEach(() => cleanup());

  const client = (k = id, s = secret) =>
    `import { S3Client } from '@aws-sdk/client-s3';\n\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${k}', secretAccessKey: '${s}' },\n});\n`;

  async function fix(args: string[]) {
    const c = captureIo(dir);
    const code = await main(['fix', ...args], c.io);
    return { code, out: c.out(), err: c.err() };
  }

  it('--dry-run prints a masked unified diff, writes nothing and exits 1', async () => {
    await writeTree(dir, { 'src/s3.ts': client() });
    const r = await fix(['--dry-run']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain(id);
    expect(r.out).not.toContain(secret);
    expect(r.out).toContain('--- a/src/s3.ts\n+++ b/src/s3.ts\n');
    expect(r.out).toContain(`-  credentials: { accessKeyId: '${masked(id)}', secretAccessKey: '****' },`);
    expect(r.out).toContain('+  credentials: fromInstanceRole(),');
    expect(r.out).toContain('Would rewrite 1 file\n  src/s3.ts');
    expect(await readFile(join(dir, 'src/s3.ts'), 'utf8')).toBe(client());
  });

  it('rewrites the file, lists the key to rotate, and a second run finds nothing', async () => {
    await writeTree(dir, { 'src/s3.ts': client() });
    await chmod(join(dir, 'src/s3.ts'), 0o640);
    const r = await fix([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Rewrote 1 file\n  src/s3.ts');
    expect(r.out).toContain(
      'The rewritten code imports @keyless/credentials: `npm install @keyless/credentials`',
    );
    expect(r.out).toMatch(
      new RegExp(`Rotate 1 leaked access key.*\\n  ${masked(id)}  1 occurrence in src/s3\\.ts`),
    );
    expect(r.out).not.toContain(id);
    const text = await readFile(join(dir, 'src/s3.ts'), 'utf8');
    expect(text).not.toContain(id);
    expect(text).not.toContain(secret);
    expect(text).toContain('credentials: fromInstanceRole()');
    expect((await stat(join(dir, 'src/s3.ts'))).mode & 0o777).toBe(0o640);
    expect(await readdir(join(dir, 'src'))).toEqual(['s3.ts']);
    const again = await fix([]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to rewrite');
    expect(await readFile(join(dir, 'src/s3.ts'), 'utf8')).toBe(text);
    const c = captureIo(dir);
    expect(await main(['scan'], c.io)).toBe(0);
  });

  it('prints, after the rotation list, the commands that give the role the rewritten service needs', async () => {
    await writeTree(dir, { 'src/s3.ts': client() });
    const r = await fix(['--dry-run', 'src']);
    const after = r.out.slice(r.out.indexOf('Rotate 1 leaked access key'));
    expect(after).toContain('Then create the role that replaces these keys, with only what the code calls:');
    expect(after).toMatch(/\n {2}keyless policy src {2,}the least-privilege IAM policy/);
    expect(after).toMatch(/\n {2}keyless policy src --format terraform {2,}the role with its trust policy/);
    const clean = await fix(['src']);
    expect((await fix(['src'])).out).not.toContain('keyless policy');
    expect(clean.out).toContain('keyless policy src');
  });

  it('--target sdk-default only removes the keys', async () => {
    await writeTree(dir, { 's3.ts': client() });
    const r = await fix(['--target', 'sdk-default']);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('npm install');
    const text = await readFile(join(dir, 's3.ts'), 'utf8');
    expect(text).not.toContain('credentials');
    expect(text).not.toContain('@keyless/credentials');
    expect(text).toContain("region: 'eu-west-1'");
  });

  it('leaves report-only findings for a person and exits 1', async () => {
    const other = fakeAccessKeyId();
    await writeTree(dir, { 'notes.ts': `// the old key was ${other}\nexport {};\n`, 's3.ts': client() });
    const r = await fix([]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Left for a person \(1\)\nnotes\.ts\n/);
    expect(r.out).toContain(`${masked(other)}`);
    expect(r.out).toMatch(/Rotate 2 leaked access keys/);
    expect(await readFile(join(dir, 'notes.ts'), 'utf8')).toContain(other);
  });

  it('refuses to write into a git work tree with uncommitted changes unless --allow-dirty', async () => {
    await writeTree(dir, { 's3.ts': client(), 'README.md': 'x\n' });
    initRepo(dir);
    await writeFile(join(dir, 'README.md'), 'edited\n');
    const refused = await fix([]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(
      /refusing to write into .*: it has uncommitted changes \(README\.md\).*--allow-dirty/,
    );
    expect(await readFile(join(dir, 's3.ts'), 'utf8')).toBe(client());
    expect((await fix(['--dry-run'])).code).toBe(1);
    const allowed = await fix(['--allow-dirty']);
    expect(allowed.code).toBe(0);
    expect(git(dir, 'status', '--porcelain')).toContain('s3.ts');
  });

  it('exits 2 on a bad --target', async () => {
    const r = await fix(['--target', 'v4']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--target: expected one of keyless, sdk-default');
  });

  it('reports a file it may not write, leaves it as it was, and fixes the others (built CLI)', async () => {
    const asRoot = process.getuid?.() === 0;
    // Root may write anything, so as root the CLI runs as `nobody`, who owns the directory but not
    // the locked file. Where `nobody` cannot reach the built CLI (a checkout under a private home),
    // the lock is a name so long that the temp file beside it cannot be created.
    const dropPrivileges =
      asRoot && spawnSync(process.execPath, [BIN, '--version'], { uid: 65534, gid: 65534 }).status === 0;
    const lockedName = asRoot && !dropPrivileges ? `${'l'.repeat(235)}.ts` : 'locked.ts';
    const locked = client(fakeAccessKeyId());
    await writeTree(dir, { 'open.ts': client(), [lockedName]: locked });
    if (dropPrivileges) {
      await chown(dir, 65534, 65534);
      await chown(join(dir, 'open.ts'), 65534, 65534);
      await chmod(join(dir, lockedName), 0o644);
    } else if (!asRoot) {
      await chmod(join(dir, lockedName), 0o444);
    }
    const run = spawnSync(process.execPath, [BIN, 'fix', '.'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      ...(dropPrivileges && { uid: 65534, gid: 65534 }),
    });
    expect(run.status, run.stderr).toBe(2);
    const reason =
      lockedName === 'locked.ts' ? 'permission denied \\(EACCES\\)' : 'file name too long \\(ENAMETOOLONG\\)';
    expect(run.stdout).toMatch(
      new RegExp(`io ${lockedName} {2}cannot write ${lockedName}: ${reason}; left as it was`),
    );
    expect(run.stdout).toContain('Rewrote 1 file\n  open.ts');
    expect(await readFile(join(dir, lockedName), 'utf8')).toBe(locked);
    expect(await readFile(join(dir, 'open.ts'), 'utf8')).toContain('fromInstanceRole()');
    expect((await readdir(dir)).sort()).toEqual([lockedName, 'open.ts'].sort());
    expect(run.stdout + run.stderr).not.toContain(id);
  });
});
