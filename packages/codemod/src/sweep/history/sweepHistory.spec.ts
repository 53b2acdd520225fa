import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  commitAt,
  fakeAccessKeyId,
  fakeSecretAccessKey,
  git,
  initRepo,
  tempDir,
  writeTree,
} from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatBaseline } from '../../report/formatBaseline.js';
import type { Analyzer } from '../Analyzer.js';
import { defaultAnalyzer } from '../defaultAnalyzer.js';
import { SweepError } from '../SweepError.js';
import { sweep } from '../sweep.js';
import { sweepHistory } from './sweepHistory.js';

const masked = (id: string) => `${id.slice(0, 4)}…${id.slice(-4)}`;
const client = (id: string, secret: string) =>
  `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${id}', secretAccessKey: '${secret}' },\n});\n`;

/** The real engine, counting the files it is asked to analyse. */
function countingAnalyzer(calls: string[]): Analyzer {
  return {
    fileKind: defaultAnalyzer.fileKind,
    analyzeSource: (file, text, options) => {
      calls.push(file);
      return defaultAnalyzer.analyzeSource(file, text, options);
    },
  };
}

describe(sweepHistory.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let id: string;
  let secret: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('keyless-history-'));
    id = fakeAccessKeyId();
    secret = fakeSecretAccessKey();
    await writeTree(dir, { 'README.md': '# app\n' });
    initRepo(dir);
  });
  afterEach(() => cleanup());

  it('reports a key removed from the tree at the commit, author date and path that introduced it', async () => {
    await writeTree(dir, { 'src/s3.ts': client(id, secret) });
    const added = commitAt(dir, 'add s3', '2021-03-04T05:06:07+02:00');
    await writeTree(dir, { 'src/s3.ts': `// a comment moves the key down\n${client(id, secret)}` });
    commitAt(dir, 'comment', '2021-04-01T00:00:00Z');
    await rm(join(dir, 'src/s3.ts'));
    commitAt(dir, 'remove the key', '2021-05-01T00:00:00Z');

    expect((await sweep({ paths: ['.'], cwd: dir })).findings).toEqual([]);
    const result = await sweepHistory({ paths: ['.'], cwd: dir });
    // The edit that moved the key made a second blob holding it: still one finding, at the first.
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.keyId, f.introduced])).toEqual([
      [
        'aws-static-credentials-v3',
        'src/s3.ts',
        4,
        masked(id),
        { commit: added, date: '2021-03-04T05:06:07+02:00' },
      ],
    ]);
    // fix rewrites the tree, never a commit: neither the count nor the message offers it.
    expect(result.summary).toMatchObject({ commits: 4, files: 3, errors: 0, fixable: 0 });
    expect(result.findings[0]?.message).toContain(`rotate ${masked(id)}`);
    expect(result.findings[0]?.message).not.toMatch(/\bfix\b/);
    expect(result.rotation).toEqual([
      { keyId: masked(id), keyHash: expect.any(String), files: ['src/s3.ts'], occurrences: 1 },
    ]);
    expect(JSON.stringify(result)).not.toContain(id);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('reads a blob once however many paths, branches and commits hold it, and reports each path', async () => {
    const env = `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n`;
    await writeTree(dir, { 'config/.env': env });
    const first = commitAt(dir, 'env', '2022-01-01T00:00:00Z');
    git(dir, 'checkout', '-q', '-b', 'side');
    await writeTree(dir, { 'deploy/.env': env, 'notes.md': 'side work\n' });
    const copied = commitAt(dir, 'copy env', '2022-02-01T00:00:00Z');
    git(dir, 'checkout', '-q', 'main');
    await rm(join(dir, 'config/.env'));
    commitAt(dir, 'drop env', '2022-03-01T00:00:00Z');
    await writeTree(dir, { 'config/.env': env });
    commitAt(dir, 'env again', '2022-04-01T00:00:00Z');

    const calls: string[] = [];
    const result = await sweepHistory({ paths: ['.'], cwd: dir, analyzer: countingAnalyzer(calls) });
    expect(calls.filter((f) => f.endsWith('.env'))).toEqual(['config/.env']);
    const keyFindings = result.findings.filter((f) => f.keyId !== undefined);
    expect(keyFindings.map((f) => [f.file, f.introduced?.commit])).toEqual([
      ['config/.env', first],
      ['deploy/.env', copied],
    ]);
    expect(result.rotation.map((r) => r.files)).toEqual([['config/.env', 'deploy/.env']]);
  });

  it('finds a key written while resolving a merge conflict, at the merge commit', async () => {
    await writeTree(dir, { 'app.js': 'const region = "eu-west-1";\n' });
    commitAt(dir, 'app', '2022-01-01T00:00:00Z');
    git(dir, 'checkout', '-q', '-b', 'side');
    await writeTree(dir, { 'app.js': 'const region = "us-east-1";\n' });
    commitAt(dir, 'side region', '2022-01-02T00:00:00Z');
    git(dir, 'checkout', '-q', 'main');
    await writeTree(dir, { 'app.js': 'const region = "ap-south-1";\n' });
    commitAt(dir, 'main region', '2022-01-03T00:00:00Z');
    try {
      git(dir, 'merge', '-q', 'side');
    } catch {
      // The conflict is the point: its resolution is content neither parent had.
    }
    await writeTree(dir, { 'app.js': `const region = "us-east-1";\nconst id = '${id}';\n` });
    const merge = commitAt(dir, 'merge side', '2022-01-04T00:00:00Z');
    expect(git(dir, 'rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);

    const result = await sweepHistory({ paths: ['.'], cwd: dir });
    expect(result.findings.map((f) => [f.file, f.keyId, f.introduced?.commit])).toEqual([
      ['app.js', masked(id), merge],
    ]);
  });

  it('reads paths with spaces and non-ASCII characters as git stores them', async () => {
    const path = 'docs/notes über keys/deploy notes.md';
    await writeTree(dir, { [path]: `Use AWS_ACCESS_KEY_ID=${id} for now\n` });
    const added = commitAt(dir, 'notes', '2022-01-01T00:00:00Z');
    const result = await sweepHistory({ paths: ['.'], cwd: dir });
    expect(result.findings.map((f) => [f.file, f.keyId, f.introduced?.commit])).toEqual([
      [path, masked(id), added],
    ]);
  });

  it('with since, reads only the commits that are not reachable from it', async () => {
    await writeTree(dir, { 'old.js': `const id = '${id}';\n` });
    const base = commitAt(dir, 'old key', '2023-01-01T00:00:00Z');
    const fresh = fakeAccessKeyId();
    await writeTree(dir, { 'new.js': `const id = '${fresh}';\n` });
    const added = commitAt(dir, 'new key', '2023-02-01T00:00:00Z');

    const result = await sweepHistory({ paths: ['.'], cwd: dir, since: base });
    expect(result.findings.map((f) => [f.file, f.keyId, f.introduced?.commit])).toEqual([
      ['new.js', masked(fresh), added],
    ]);
    expect(result.summary.commits).toBe(1);
    await expect(sweepHistory({ paths: ['.'], cwd: dir, since: 'no-such-branch' })).rejects.toThrow(
      /--since: "no-such-branch" is not a commit/,
    );
    await expect(sweepHistory({ paths: ['.'], cwd: dir, since: '--all' })).rejects.toThrow(SweepError);
  });

  it('limits the history to a folder it is given, with paths relative to cwd', async () => {
    await writeTree(dir, {
      'api/a.js': `const a = '${id}';\n`,
      'web/b.js': `const b = '${fakeAccessKeyId()}';\n`,
    });
    commitAt(dir, 'two keys', '2023-01-01T00:00:00Z');
    const result = await sweepHistory({ paths: ['.'], cwd: join(dir, 'api') });
    expect(result.findings.map((f) => [f.file, f.keyId])).toEqual([['a.js', masked(id)]]);
  });

  it('applies inline ignores and baselines, whose fingerprints are the tree scan’s', async () => {
    const other = fakeAccessKeyId();
    await writeTree(dir, {
      'a.js': `const a = '${id}';\n`,
      'b.js': `const b = '${other}'; // keyless-ignore -- test fixture\n`,
    });
    commitAt(dir, 'keys', '2023-01-01T00:00:00Z');
    const tree = await sweep({ paths: ['.'], cwd: dir });
    const history = await sweepHistory({ paths: ['.'], cwd: dir });
    expect(history.findings.map((f) => f.fingerprint)).toEqual(tree.findings.map((f) => f.fingerprint));
    expect(history.summary.ignored).toBe(1);
    await writeFile(join(dir, 'baseline.json'), formatBaseline(tree));
    const again = await sweepHistory({ paths: ['.'], cwd: dir, baseline: 'baseline.json' });
    expect(again.findings).toEqual([]);
    expect(again.summary.baselined).toBe(history.findings.length);
    expect(again.rotation.map((r) => r.keyId)).toEqual([masked(id)]);
  });

  it('scans blobs over maxFileBytes by the key patterns only and counts them as skipped', async () => {
    await writeTree(dir, { 'big.js': `${'// padding\n'.repeat(200)}const a = '${id}';\n` });
    commitAt(dir, 'big', '2023-01-01T00:00:00Z');
    const result = await sweepHistory({ paths: ['.'], cwd: dir, maxFileBytes: 1024 });
    expect(result.findings.map((f) => f.keyId)).toContain(masked(id));
    expect(result.skipped.map((s) => [s.file, s.reason])).toEqual([['big.js', 'too-large']]);
    expect(result.summary.tooLarge).toBe(1);
  });

  it('refuses a path outside git, a shallow clone and a missing path with a SweepError', async () => {
    const outside = await tempDir('keyless-nogit-');
    try {
      await expect(sweepHistory({ paths: ['.'], cwd: outside.dir })).rejects.toThrow(
        /not in a git work tree/,
      );
    } finally {
      await outside.cleanup();
    }
    commitAt(dir, 'second', '2023-01-01T00:00:00Z');
    const clone = join(dir, '..', `${join(dir).split('/').pop()}-shallow`);
    git(dir, 'clone', '-q', '--depth', '1', `file://${dir}`, clone);
    try {
      await expect(sweepHistory({ paths: ['.'], cwd: clone })).rejects.toThrow(
        /shallow clone.*fetch --unshallow/,
      );
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    await expect(sweepHistory({ paths: ['nope'], cwd: dir })).rejects.toThrow(SweepError);
  });
});
