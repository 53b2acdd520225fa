import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHistoryRepo } from './buildHistoryRepo.js';

describe(buildHistoryRepo.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyless-bench-history-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes the commits, file versions and deleted keys it reports, and leaves no key in the tree', async () => {
    await mkdir(join(dir, 'corpus', 'lib'), { recursive: true });
    await writeFile(join(dir, 'corpus', 'a.js'), 'export const a = 1;\n');
    await writeFile(join(dir, 'corpus', 'lib', 'b.ts'), 'export const b = 2;\n');
    const repo = await buildHistoryRepo(join(dir, 'corpus'), join(dir, 'repo'), {
      commits: 14,
      editsPerCommit: 1,
      leakEvery: 5,
    });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.dir, encoding: 'utf8' });
    expect(git('rev-list', '--count', '--all').trim()).toBe('14');
    // Commits 5 and 10 add a key, deleted three commits later.
    expect(repo.leaks).toBe(2);
    // 2 originals + 13 edited versions + 2 leak files.
    expect(repo.blobs).toBe(17);
    expect(git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean).sort()).toEqual([
      'a.js',
      'lib/b.ts',
    ]);
    expect(git('log', '--all', '--format=%H', '--', 'leaks').split('\n').filter(Boolean)).toHaveLength(4);
  });
});
