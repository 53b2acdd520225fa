import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  commitAt,
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

describe('keyless scan --history', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let id: string;
  let secret: string;
  let added: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    id = fakeAccessKeyId();
    secret = fakeSecretAccessKey();
    await writeTree(dir, { 'README.md': '# app\n' });
    initRepo(dir);
    // A key committed, then deleted: the tree is clean, the history is not.
    await writeTree(dir, { 'config/.env': `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n` });
    added = commitAt(dir, 'add env', '2020-06-15T10:20:30Z');
    await rm(join(dir, 'config/.env'));
    commitAt(dir, 'remove env', '2020-07-01T00:00:00Z');
  });
  afterEach(() => cleanup());

  async function scan(args: string[], cwd = dir) {
    const c = captureIo(cwd);
    const code = await main(['scan', ...args], c.io);
    return { code, out: c.out(), err: c.err() };
  }

  it('finds a deleted key with the commit and date that introduced it, where a tree scan finds nothing', async () => {
    expect((await scan([])).code).toBe(0);
    const r = await scan(['--history']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain(id);
    expect(r.out).not.toContain(secret);
    expect(r.out).toMatch(/^config\/\.env\n {2}1:\d+ +error/);
    expect(r.out).toContain(`    introduced in ${added.slice(0, 12)} on 2020-06-15`);
    expect(r.out).toContain(`  ${masked(id)}  1 occurrence in config/.env`);
    expect(r.out).toContain('deleting them from the code leaves them in git history');
    expect(r.out).toMatch(/file versions? in 3 commits/);
  });

  it('puts the introducing commit in JSON and in SARIF result properties and messages', async () => {
    const json = JSON.parse((await scan(['--history', '--format', 'json'])).out);
    const finding = json.findings.find((f: { keyId: string | null }) => f.keyId === masked(id));
    expect(finding).toMatchObject({
      file: 'config/.env',
      line: 1,
      fixable: false,
      introduced: { commit: added, date: '2020-06-15T10:20:30+00:00' },
    });
    expect(json.summary.commits).toBe(3);
    expect(json.rotation.map((r: { keyId: string }) => r.keyId)).toEqual([masked(id)]);

    const r = await scan(['--history', '--format', 'sarif', '-o', 'out.sarif']);
    expect(r.code).toBe(1);
    const text = await readFile(join(dir, 'out.sarif'), 'utf8');
    expect(text).not.toContain(id);
    const result = JSON.parse(text).runs[0].results.find(
      (x: { properties: { keyId?: string } }) => x.properties.keyId === masked(id),
    );
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('config/.env');
    expect(result.properties).toMatchObject({ commit: added, authorDate: '2020-06-15T10:20:30+00:00' });
    expect(result.message.text).toContain(`Introduced in commit ${added.slice(0, 12)} (2020-06-15).`);
    expect(result.partialFingerprints['keylessFingerprint/v1']).toMatch(/^[0-9a-f]{32}:0$/);
  });

  it('writes a baseline of the history and then reports only keys added after it', async () => {
    expect((await scan(['--history', '--write-baseline', 'keyless-baseline.json'])).code).toBe(0);
    git(dir, 'add', 'keyless-baseline.json');
    commitAt(dir, 'baseline', '2020-08-01T00:00:00Z');
    expect((await scan(['--history', '--baseline', 'keyless-baseline.json'])).code).toBe(0);
    const fresh = fakeAccessKeyId();
    await writeFile(join(dir, 'app.js'), `const id = '${fresh}';\n`);
    const newer = commitAt(dir, 'new key', '2020-09-01T00:00:00Z');
    const r = await scan(['--history', '--baseline', 'keyless-baseline.json', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(
      JSON.parse(r.out).findings.map((f: { file: string; introduced: { commit: string } }) => [
        f.file,
        f.introduced.commit,
      ]),
    ).toEqual([['app.js', newer]]);
  });

  it('with --since, reads only the commits after it', async () => {
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    expect((await scan(['--history', '--since', base])).code).toBe(0);
    expect((await scan(['--history', '--since', `${added}~1`])).code).toBe(1);
  });

  it('exits 2 with a clear message outside git, in a shallow clone, on a bad --since or a misplaced option', async () => {
    const outside = await tempDir();
    try {
      const r = await scan(['--history'], outside.dir);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/not in a git work tree, so it has no history to scan/);
    } finally {
      await outside.cleanup();
    }
    const shallow = `${dir}-shallow`;
    git(dir, 'clone', '-q', '--depth', '1', `file://${dir}`, shallow);
    try {
      const r = await scan(['--history'], shallow);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is a shallow clone.*git fetch --unshallow/);
    } finally {
      await rm(shallow, { recursive: true, force: true });
    }
    const bad = await scan(['--history', '--since', 'v9.9.9']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--since: "v9.9.9" is not a commit');
    expect((await scan(['--since', 'HEAD'])).err).toContain('--since only applies to --history');
    expect((await scan(['--history', '--shard', '1/2'])).code).toBe(2);
  });
});
