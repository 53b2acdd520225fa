import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, initRepo } from './initRepo.js';
import { tempDir, writeTree } from './tempDir.js';

describe(initRepo.name, () => {
  it('commits the tree written into a temp dir, and cleanup removes it', async () => {
    const { dir, cleanup } = await tempDir();
    await writeTree(dir, { 'src/a.ts': 'export {};\n' });
    initRepo(dir);
    expect(git(dir, 'ls-files')).toBe('src/a.ts\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(await readFile(join(dir, 'src/a.ts'), 'utf8')).toBe('export {};\n');
    await cleanup();
    await expect(readFile(join(dir, 'src/a.ts'))).rejects.toThrow(/ENOENT/);
  });
});
