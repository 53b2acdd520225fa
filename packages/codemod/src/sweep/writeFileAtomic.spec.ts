import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileChangedError, writeFileAtomic } from './writeFileAtomic.js';

describe(writeFileAtomic.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyless-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces the content, keeps an unusual mode and leaves no temp file', async () => {
    const file = join(dir, 'run.sh');
    await writeFile(file, 'old');
    await chmod(file, 0o751);
    await writeFileAtomic(file, 'new ✓', 'old');
    expect(await readFile(file, 'utf8')).toBe('new ✓');
    expect((await stat(file)).mode & 0o7777).toBe(0o751);
    expect(await readdir(dir)).toEqual(['run.sh']);
  });

  it('keeps the owner of a file that belongs to someone else (when running as root)', async () => {
    const file = join(dir, 'theirs.ts');
    await writeFile(file, 'old');
    const owner = process.getuid?.() === 0 ? 65534 : (await stat(file)).uid;
    await chown(file, owner, owner);
    await writeFileAtomic(file, 'new', 'old');
    const after = await stat(file);
    expect([after.uid, after.gid]).toEqual([owner, owner]);
  });

  it('refuses to overwrite a file that changed since it was read, and keeps the change', async () => {
    const file = join(dir, 'a.ts');
    await writeFile(file, 'edited by someone');
    await expect(writeFileAtomic(file, 'new', 'old')).rejects.toBeInstanceOf(FileChangedError);
    expect(await readFile(file, 'utf8')).toBe('edited by someone');
    expect(await readdir(dir)).toEqual(['a.ts']);
  });

  it('fails on a path that became a directory and leaves nothing behind', async () => {
    const file = join(dir, 'gone.ts');
    await mkdir(file);
    await expect(writeFileAtomic(file, 'new', 'old')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['gone.ts']);
  });
});
