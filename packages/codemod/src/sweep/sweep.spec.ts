import { writeFileSync } from 'node:fs';
import { chmod, lstat, readdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fakeAccessKeyId,
  fakeSecretAccessKey,
  git,
  initRepo,
  tempDir,
  writeTree,
} from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBaseline } from '../report/formatBaseline.js';
import type { Analyzer } from './Analyzer.js';
import { defaultAnalyzer } from './defaultAnalyzer.js';
import { SweepError } from './SweepError.js';
import { sweep } from './sweep.js';
import { standInAnalyzer } from './testing/standInAnalyzer.js';

describe(sweep.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let id: string;
  let secret: string;
  let analyzer: Analyzer;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    id = fakeAccessKeyId();
    secret = fakeSecretAccessKey();
    analyzer = standInAnalyzer();
  });
  afterEach(() => cleanup());

  const client = (k: string, s: string) =>
    `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({\n  accessKeyId: '${k}',\n  secretAccessKey: '${s}',\n  region: 'eu-west-1',\n});\n`;

  it('reports findings with paths relative to cwd, 1-based positions, fingerprints and masked frames', async () => {
    await writeTree(dir, { 'src/s3.ts': client(id, secret), 'src/clean.ts': 'export const x = 1;\n' });
    const result = await sweep({ paths: ['.'], cwd: join(dir, 'src'), analyzer });
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.ruleId])).toEqual([
      ['s3.ts', 3, 17, 'aws-access-key-id'],
      ['s3.ts', 4, 21, 'aws-secret-access-key'],
    ]);
    expect(result.summary).toMatchObject({ files: 2, prefiltered: 1, findings: 2, fixable: 2, errors: 0 });
    expect(result.findings[0]?.frame).toEqual({
      startLine: 2,
      lines: [
        'export const s3 = new S3Client({',
        `  accessKeyId: '${id.slice(0, 4)}…${id.slice(-4)}',`,
        "  secretAccessKey: '****',",
      ],
    });
    expect(JSON.stringify(result)).not.toContain(id);
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(result.rotation).toEqual([
      {
        keyId: `${id.slice(0, 4)}…${id.slice(-4)}`,
        keyHash: expect.any(String),
        files: ['s3.ts'],
        occurrences: 1,
      },
    ]);
  });

  it('drops findings with keyless-ignore on the line or the line before, and counts them', async () => {
    await writeTree(dir, {
      'a.ts': `// keyless-ignore -- fixture\nconst a = '${id}';\nconst b = '${fakeAccessKeyId()}'; // keyless-ignore\nconst c = '${fakeAccessKeyId()}';\n`,
    });
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer });
    expect(result.findings.map((f) => f.line)).toEqual([4]);
    expect(result.summary.ignored).toBe(2);
  });

  it('reports only findings missing from the baseline, however far they moved', async () => {
    await writeTree(dir, { 'a.ts': `const a = '${id}';\n` });
    const first = await sweep({ paths: ['.'], cwd: dir, analyzer });
    await writeFile(join(dir, 'baseline.json'), formatBaseline(first));
    const fresh = fakeAccessKeyId();
    await writeTree(dir, { 'a.ts': `// moved down\n\nconst a = '${id}';\nconst b = '${fresh}';\n` });
    const second = await sweep({ paths: ['.'], cwd: dir, analyzer, baseline: 'baseline.json' });
    expect(second.findings.map((f) => f.keyId)).toEqual([`${fresh.slice(0, 4)}…${fresh.slice(-4)}`]);
    expect(second.summary.baselined).toBe(1);
    expect(second.rotation).toHaveLength(2);
  });

  it('rejects a baseline that is missing or not a baseline, saying how to write one', async () => {
    await writeFile(join(dir, 'bad.json'), '{"results": []}');
    await expect(sweep({ paths: ['.'], cwd: dir, analyzer, baseline: 'none.json' })).rejects.toThrow(
      /cannot read the baseline .*none\.json: no such file/,
    );
    await expect(sweep({ paths: ['.'], cwd: dir, analyzer, baseline: 'bad.json' })).rejects.toThrow(
      SweepError,
    );
  });

  it('splits files across shards with nothing lost and nothing twice', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`f${i}.ts`, `const k = '${fakeAccessKeyId()}';\n`]),
    );
    await writeTree(dir, files);
    const seen: string[] = [];
    for (const index of [1, 2, 3]) {
      const r = await sweep({ paths: ['.'], cwd: dir, analyzer, shard: { index, count: 3 } });
      expect(r.findings.length).toBeLessThan(30);
      seen.push(...r.findings.map((f) => f.file));
    }
    expect(seen.sort()).toEqual(Object.keys(files).sort());
  });

  it('reports findings in an imported module once, under that module', async () => {
    await writeTree(dir, {
      'config.ts': `export const key = '${id}';\n`,
      'a.ts': "import { key } from './config';\nconst secretName = key;\n",
      'b.ts': "import { key } from './config.js';\nconst secretName = key;\n",
    });
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['config.ts:1']);
  });

  it('follows imports only to files inside the swept trees, symlinks resolved', async () => {
    await writeTree(dir, {
      'outside/config.ts': `export const key = '${id}';\n`,
      'app/a.ts': "import { key } from '../outside/config';\nconst secretName = key;\n",
      'app/b.ts': "import { key } from './linked/config';\nconst secretName = key;\n",
    });
    await symlink('../outside', join(dir, 'app', 'linked'));
    const result = await sweep({ paths: ['app'], cwd: dir, analyzer });
    expect(result.findings).toEqual([]);
    const both = await sweep({ paths: ['app', 'outside'], cwd: dir, analyzer });
    expect(both.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['outside/config.ts:1']);
  });

  it('scans a file over maxFileBytes by its key patterns and does not read one over the read limit', async () => {
    await writeTree(dir, { 'big.ts': `const pad = '${'x'.repeat(4096)}';\nconst k = '${id}';\n` });
    // Sparse: 65 MiB on paper, nothing on disk, and never read.
    await writeFile(join(dir, 'huge.ts'), '');
    await truncate(join(dir, 'huge.ts'), 65 * 1024 * 1024);
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer, maxFileBytes: 1024, fix: true });
    expect(result.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['big.ts:2']);
    expect(result.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['big.ts', 'too-large'],
      ['huge.ts', 'not-read'],
    ]);
    expect(result.summary).toMatchObject({ files: 1, tooLarge: 2, changed: 0 });
    expect(await readFile(join(dir, 'big.ts'), 'utf8')).toContain(id);
  });

  describe('with the real engine', () => {
    it('reads a UTF-16 file by its byte order mark (a .env written by PowerShell)', async () => {
      const env = `AWS_ACCESS_KEY_ID=${id}\r\nAWS_SECRET_ACCESS_KEY=${secret}\r\n`;
      await writeFile(
        join(dir, '.env'),
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(env, 'utf16le')]),
      );
      const be = Buffer.from(`\ufeff# ${fakeAccessKeyId()}\n`, 'utf16le').swap16();
      await writeFile(join(dir, 'notes.txt'), be);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer: defaultAnalyzer, fix: true });
      expect(result.findings.map((f) => [f.file, f.ruleId, f.line, f.column])).toEqual([
        ['.env', 'aws-access-key-id', 1, 19],
        ['.env', 'aws-secret-access-key', 2, 23],
        ['notes.txt', 'aws-access-key-id', 1, 3],
      ]);
      expect(result.errors).toEqual([]);
    });

    it('resolves loadFromPath from the app directory (where the SDK resolves it), not from the file', async () => {
      await writeTree(dir, {
        'app/package.json': '{"name":"app"}\n',
        'app/config/aws.json': `{ "accessKeyId": "${id}", "secretAccessKey": "${secret}" }\n`,
        'app/src/server.js':
          "const AWS = require('aws-sdk');\nAWS.config.loadFromPath('./config/aws.json');\n",
      });
      const result = await sweep({ paths: ['app'], cwd: dir, analyzer: defaultAnalyzer });
      const load = result.findings.find((f) => f.file === 'app/src/server.js');
      expect(load).toMatchObject({
        ruleId: 'aws-credentials-file',
        line: 2,
        keyId: `${id.slice(0, 4)}…${id.slice(-4)}`,
      });
      expect(load?.message).toContain("relative to the app's working directory");
    });

    it('never rewrites a file that package.json `browser` or the bundler page sends to browsers', async () => {
      const v3 = (k: string) =>
        `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: '${k}', secretAccessKey: '${secret}' } });\n`;
      await writeTree(dir, {
        'web/package.json': '{ "name": "web", "browser": { "./src/node.js": "./src/client.js" } }\n',
        'web/index.html': '<script type="module" src="/src/main.js"></script>\n',
        'web/src/client.js': v3(id),
        'web/src/main.js': v3(fakeAccessKeyId()),
        'web/src/node.js': v3(fakeAccessKeyId()),
      });
      initRepo(dir);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer: defaultAnalyzer, fix: true });
      expect(result.changed).toEqual(['web/src/node.js']);
      expect(
        result.findings.filter((f) => f.ruleId === 'aws-browser-credentials').map((f) => f.file),
      ).toEqual(['web/src/client.js', 'web/src/main.js']);
    });

    it('lists and scans Dockerfiles, scripts, notes, notebooks and the script blocks of markup files', async () => {
      const keys = Array.from({ length: 6 }, () => fakeAccessKeyId());
      await writeTree(dir, {
        Dockerfile: `ENV AWS_ACCESS_KEY_ID=${keys[0]}\n`,
        'scripts/deploy.sh': `export AWS_ACCESS_KEY_ID=${keys[1]}\n`,
        'docs/notes.md': `key: ${keys[2]}\n`,
        'nb/x.ipynb': `{"cells":[{"source":["k = '${keys[3]}'"]}]}\n`,
        'src/App.vue': `<template><p/></template>\n<script>\nconst k = '${keys[4]}';\n</script>\n`,
        'public/index.html': `<script>var accessKeyId = '${keys[5]}';</script>\n`,
      });
      initRepo(dir);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer: defaultAnalyzer });
      expect(result.rotation.flatMap((r) => r.files).sort()).toEqual([
        'Dockerfile',
        'docs/notes.md',
        'nb/x.ipynb',
        'public/index.html',
        'scripts/deploy.sh',
        'src/App.vue',
      ]);
    });
  });

  it('reports a file that cannot be parsed and a path that does not exist, and scans the rest', async () => {
    await writeTree(dir, {
      'bad.ts': `@@unparseable@@ '${id}'\n`,
      'good.ts': `const k = '${fakeAccessKeyId()}';\n`,
    });
    const progress: Array<[number, number]> = [];
    const result = await sweep({
      paths: ['missing', '.'],
      cwd: dir,
      analyzer,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(result.errors.map((e) => [e.file, e.kind])).toEqual([
      ['bad.ts', 'parse'],
      ['missing', 'io'],
    ]);
    expect(result.findings.map((f) => f.file)).toEqual(['bad.ts', 'good.ts']);
    expect(progress.at(-1)).toEqual([2, 2]);
  });

  it('rejects bad options with a TypeError before touching anything', async () => {
    await expect(sweep({ paths: [], cwd: dir, analyzer })).rejects.toThrow(TypeError);
    await expect(sweep({ paths: ['.'], cwd: 'relative', analyzer })).rejects.toThrow(TypeError);
    await expect(sweep({ paths: ['.'], cwd: dir, analyzer, shard: { index: 4, count: 3 } })).rejects.toThrow(
      /1 <= i <= n/,
    );
    await expect(sweep({ paths: ['.'], cwd: dir, analyzer, workers: 2 })).rejects.toThrow(/workers: 0/);
  });

  describe('fix', () => {
    it('writes the rewrite atomically keeping the mode, and a second run changes nothing', async () => {
      await writeTree(dir, { 'src/s3.ts': client(id, secret) });
      await chmod(join(dir, 'src/s3.ts'), 0o600);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.changed).toEqual(['src/s3.ts']);
      expect(result.findings.every((f) => f.fixed === true)).toBe(true);
      const text = await readFile(join(dir, 'src/s3.ts'), 'utf8');
      expect(text).not.toContain(id);
      expect(text).toContain("region: 'eu-west-1'");
      expect((await stat(join(dir, 'src/s3.ts'))).mode & 0o777).toBe(0o600);
      expect(await readdir(join(dir, 'src'))).toEqual(['s3.ts']);
      const again = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(again.changed).toEqual([]);
    });

    it('fixes a file once through its real path and leaves a symlink to it a symlink', async () => {
      await writeTree(dir, { 'src/s3.ts': client(id, secret) });
      await symlink('src/s3.ts', join(dir, 'link.ts'));
      initRepo(dir);
      const result = await sweep({ paths: ['.', 'link.ts'], cwd: dir, analyzer, fix: true });
      expect(result.changed).toEqual(['src/s3.ts']);
      expect((await lstat(join(dir, 'link.ts'))).isSymbolicLink()).toBe(true);
      expect(await readFile(join(dir, 'link.ts'), 'utf8')).not.toContain(id);
    });

    it('under dryRun returns a masked diff and writes nothing', async () => {
      await writeTree(dir, { 's3.ts': client(id, secret) });
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true, dryRun: true });
      expect(await readFile(join(dir, 's3.ts'), 'utf8')).toBe(client(id, secret));
      expect(result.changed).toEqual(['s3.ts']);
      const patch = result.diffs[0]?.patch ?? '';
      expect(patch).toContain('--- a/s3.ts');
      expect(patch).toContain(`-  accessKeyId: '${id.slice(0, 4)}…${id.slice(-4)}',`);
      expect(patch).toContain("-  secretAccessKey: '****',");
      expect(patch).not.toContain(secret);
    });

    it('refuses to write into a git work tree with uncommitted changes unless allowed', async () => {
      await writeTree(dir, { 's3.ts': client(id, secret), 'other.ts': 'export {};\n' });
      initRepo(dir);
      await writeFile(join(dir, 'other.ts'), 'export const edited = true;\n');
      await expect(sweep({ paths: ['.'], cwd: dir, analyzer, fix: true })).rejects.toThrow(
        /refusing to write into .*uncommitted changes \(other\.ts\).*--allow-dirty/,
      );
      expect(await readFile(join(dir, 's3.ts'), 'utf8')).toBe(client(id, secret));
      const dry = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true, dryRun: true });
      expect(dry.changed).toEqual(['s3.ts']);
      const allowed = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true, allowDirty: true });
      expect(allowed.changed).toEqual(['s3.ts']);
      expect(git(dir, 'status', '--porcelain')).toContain('s3.ts');
    });

    it('is not blocked by untracked files, but does not rewrite an untracked file git could not restore', async () => {
      await writeTree(dir, { 'tracked.ts': client(id, secret) });
      initRepo(dir);
      await writeTree(dir, { 'keyless.sarif': '{}', 'new.ts': client(fakeAccessKeyId(), secret) });
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.changed).toEqual(['tracked.ts']);
      expect(result.errors).toEqual([
        {
          file: 'new.ts',
          kind: 'dirty',
          message:
            'not rewritten: new.ts is not committed, so git could not undo the rewrite (commit it, or pass --allow-dirty)',
        },
      ]);
      expect(await readFile(join(dir, 'new.ts'), 'utf8')).toContain('accessKeyId');
    });

    it('does not write into a dirty repository found during a walk, and says so per file', async () => {
      await writeTree(dir, {
        'repo/s3.ts': client(id, secret),
        'repo/x.ts': '1',
        'plain/s3.ts': client(fakeAccessKeyId(), secret),
      });
      initRepo(join(dir, 'repo'));
      await writeFile(join(dir, 'repo/x.ts'), '2');
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.changed).toEqual(['plain/s3.ts']);
      expect(result.errors.map((e) => [e.file, e.kind])).toEqual([['repo/s3.ts', 'dirty']]);
      expect(await readFile(join(dir, 'repo/s3.ts'), 'utf8')).toBe(client(id, secret));
    });

    it('keeps an edit made while the fix ran, and reports the file', async () => {
      await writeTree(dir, { 's3.ts': client(id, secret) });
      const real = standInAnalyzer();
      const racing: Analyzer = {
        fileKind: real.fileKind,
        analyzeSource(file, text, options) {
          const r = real.analyzeSource(file, text, options);
          // Someone saves the file between our read and our write.
          writeFileSync(join(dir, file), `${text}// edited\n`);
          return r;
        },
      };
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer: racing, fix: true });
      expect(result.errors.map((e) => e.kind)).toEqual(['changed']);
      expect(result.changed).toEqual([]);
      expect(await readFile(join(dir, 's3.ts'), 'utf8')).toBe(`${client(id, secret)}// edited\n`);
    });

    it('refuses a file its mode bits make read-only (even as root), leaves it as it was, and fixes the rest', async () => {
      await writeTree(dir, { 'locked.ts': client(id, secret), 'ok.ts': client(fakeAccessKeyId(), secret) });
      await chmod(join(dir, 'locked.ts'), 0o444);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.errors).toEqual([
        {
          file: 'locked.ts',
          kind: 'io',
          message: 'locked.ts is read-only; not rewritten (chmod u+w it to let fix rewrite it)',
        },
      ]);
      expect(result.changed).toEqual(['ok.ts']);
      expect(await readFile(join(dir, 'locked.ts'), 'utf8')).toBe(client(id, secret));
      expect(result.findings.filter((f) => f.file === 'locked.ts').every((f) => f.fixed === undefined)).toBe(
        true,
      );
    });

    it('keeps its temp files out of the work tree: in the git directory of a repository', async () => {
      await writeTree(dir, { 'src/s3.ts': client(id, secret) });
      initRepo(dir);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.changed).toEqual(['src/s3.ts']);
      expect(await readdir(join(dir, '.git', 'keyless-tmp'))).toEqual([]);
      expect(git(dir, 'status', '--porcelain', '--untracked-files=all')).toBe(' M src/s3.ts\n');
    });

    it('leaves a file that is not valid UTF-8 untouched', async () => {
      const bytes = Buffer.concat([Buffer.from(client(id, secret)), Buffer.from([0xff, 0xfe, 0x0a])]);
      await writeFile(join(dir, 'latin.ts'), bytes);
      const result = await sweep({ paths: ['.'], cwd: dir, analyzer, fix: true });
      expect(result.errors.map((e) => e.message)).toEqual([
        'latin.ts is not valid UTF-8; not rewritten (fix it by hand)',
      ]);
      expect(Buffer.compare(await readFile(join(dir, 'latin.ts')), bytes)).toBe(0);
    });
  });
});
