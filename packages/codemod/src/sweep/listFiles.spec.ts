import { join } from 'node:path';
import { git, initRepo, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listFiles } from './listFiles.js';

const scannable = (p: string) => /\.(?:ts|js|env|json)$|(?:^|\/)\.env$/.test(p);

async function collect(paths: string[], cwd: string): Promise<{ files: string[]; errors: string[] }> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const e of listFiles(paths, cwd, scannable)) {
    if (e.type === 'file') files.push(e.task.file);
    else errors.push(e.error.message);
  }
  return { files: files.sort(), errors };
}

describe(listFiles.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  const tree = {
    'src/a.ts': 'a',
    'src/b.js': 'b',
    'src/readme.md': 'not scannable',
    'node_modules/pkg/index.js': 'dep',
    'dist/a.js': 'built',
    '.next/server.js': 'built',
    'coverage/x.js': 'report',
    '.history/src/a_20201203.ts': 'history',
    'package-lock.json': '{}',
    'lib/app.min.js': 'minified',
    'config/settings.json': '{}',
  };

  it('walks a plain directory without dependencies, build output, history or lockfiles', async () => {
    await writeTree(dir, tree);
    expect((await collect(['.'], dir)).files).toEqual(['config/settings.json', 'src/a.ts', 'src/b.js']);
  });

  it('takes the files of a git work tree from git, honouring .gitignore, untracked files included', async () => {
    await writeTree(dir, {
      ...tree,
      '.gitignore': 'secret.env\ngenerated/\n',
      'secret.env': 'x',
      'generated/g.ts': 'g',
    });
    initRepo(dir);
    await writeTree(dir, { 'src/new.ts': 'untracked', 'generated/h.ts': 'ignored' });
    const { files } = await collect(['.'], dir);
    expect(files).toEqual(['config/settings.json', 'src/a.ts', 'src/b.js', 'src/new.ts']);
  });

  it('walks a directory git ignores when it is named explicitly', async () => {
    await writeTree(dir, { '.gitignore': 'vendor/\n', 'vendor/lib/a.ts': 'a', 'src/b.ts': 'b' });
    initRepo(dir);
    expect((await collect(['.'], dir)).files).toEqual(['src/b.ts']);
    expect((await collect(['vendor/lib'], dir)).files).toEqual(['vendor/lib/a.ts']);
  });

  it('skips build output even when it is committed', async () => {
    await writeTree(dir, tree);
    initRepo(dir);
    git(dir, 'add', '-f', 'dist/a.js');
    expect((await collect(['.'], dir)).files).not.toContain('dist/a.js');
  });

  it('sweeps several repositories in one run, each with its own ignore rules, and each file once', async () => {
    await writeTree(dir, {
      'one/.gitignore': 'local.ts\n',
      'one/app.ts': '1',
      'one/local.ts': 'ignored',
      'two/app.ts': '2',
      'plain/x.ts': '3',
    });
    initRepo(join(dir, 'one'));
    initRepo(join(dir, 'two'));
    const { files } = await collect(['one', 'two', 'plain', 'one/app.ts', '.'], dir);
    expect(files).toEqual(['one/app.ts', 'plain/x.ts', 'two/app.ts']);
  });

  it('lists a file named explicitly even when its type or location would be skipped', async () => {
    await writeTree(dir, tree);
    expect((await collect(['dist/a.js', 'src/readme.md'], dir)).files).toEqual([
      'dist/a.js',
      'src/readme.md',
    ]);
  });

  it('reports a missing path and goes on with the others', async () => {
    await writeTree(dir, tree);
    const { files, errors } = await collect(['nope', 'src'], dir);
    expect(files).toEqual(['src/a.ts', 'src/b.js']);
    expect(errors).toEqual(['cannot list nope: no such file or directory (ENOENT)']);
  });

  it('gives paths relative to the working directory, also for paths outside it', async () => {
    await writeTree(dir, { 'work/x.ts': 'x', 'other/y.ts': 'y' });
    expect((await collect(['../other', '.'], join(dir, 'work'))).files).toEqual(['../other/y.ts', 'x.ts']);
  });
});
