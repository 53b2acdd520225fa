import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileChangedError, NoTempDirError, ReadOnlyFileError, writeFileAtomic } from './writeFileAtomic.js';

describe(writeFileAtomic.name, () => {
  let dir: string;
  let temps: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'keyless-atomic-'));
    temps = join(dir, '.git', 'keyless-tmp');
    await mkdir(temps, { recursive: true });
    await mkdir(join(dir, 'src'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const beside = () => ({ tempDirs: [join(dir, 'src')] });

  it('replaces the content, keeps an unusual mode and leaves no temp file', async () => {
    const file = join(dir, 'src', 'run.sh');
    await writeFile(file, 'old');
    await chmod(file, 0o751);
    await writeFileAtomic(file, 'new ✓', 'old', beside());
    expect(await readFile(file, 'utf8')).toBe('new ✓');
    expect((await stat(file)).mode & 0o7777).toBe(0o751);
    expect(await readdir(join(dir, 'src'))).toEqual(['run.sh']);
  });

  it('keeps the owner of a file that belongs to someone else (when running as root)', async () => {
    const file = join(dir, 'src', 'theirs.ts');
    await writeFile(file, 'old');
    const owner = process.getuid?.() === 0 ? 65534 : (await stat(file)).uid;
    await chown(file, owner, owner);
    await writeFileAtomic(file, 'new', 'old', { tempDirs: [temps] });
    const after = await stat(file);
    expect([after.uid, after.gid]).toEqual([owner, owner]);
  });

  it('refuses a file whose mode bits make it read-only, even for root', async () => {
    const file = join(dir, 'src', 'locked.ts');
    await writeFile(file, 'old');
    await chmod(file, 0o444);
    await expect(writeFileAtomic(file, 'new', 'old', { tempDirs: [temps] })).rejects.toBeInstanceOf(
      ReadOnlyFileError,
    );
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(temps)).toEqual([]);
  });

  it('refuses to overwrite a file that changed since it was read, and keeps the change', async () => {
    const file = join(dir, 'src', 'a.ts');
    await writeFile(file, 'edited by someone');
    await expect(writeFileAtomic(file, 'new', 'old', { tempDirs: [temps] })).rejects.toBeInstanceOf(
      FileChangedError,
    );
    expect(await readFile(file, 'utf8')).toBe('edited by someone');
    expect(await readdir(temps)).toEqual([]);
  });

  it('never overwrites an edit saved while the write is in flight', async () => {
    const file = join(dir, 'src', 'busy.ts');
    for (let round = 0; round < 20; round++) {
      await writeFile(file, 'old');
      // An editor saving on every turn of the event loop until the write settles.
      let edits = 0;
      let settled = false;
      const edit = async () => {
        while (!settled) {
          await new Promise((r) => setImmediate(r));
          if (settled) break;
          edits++;
          await writeFile(file, `edit ${edits}`);
        }
      };
      const editing = edit();
      const write = writeFileAtomic(file, 'new', 'old', { tempDirs: [temps] }).then(
        () => 'written',
        (e: unknown) => (e instanceof FileChangedError ? 'refused' : e),
      );
      const outcome = await write;
      settled = true;
      await editing;
      const final = await readFile(file, 'utf8');
      // Either the edit came first and was kept, or our rename came first and the later edit won:
      // ending with our text after an edit was saved means the edit was lost.
      if (edits > 0) expect({ round, outcome, final }).not.toMatchObject({ final: 'new' });
      else expect(final).toBe('new');
    }
  });

  it('fails with NoTempDirError when no allowed temp directory is on the same file system', async () => {
    const file = join(dir, 'src', 'a.ts');
    await writeFile(file, 'old');
    await expect(writeFileAtomic(file, 'new', 'old', { tempDirs: [] })).rejects.toBeInstanceOf(
      NoTempDirError,
    );
    expect(await readFile(file, 'utf8')).toBe('old');
  });

  it('fails on a path that became a directory and leaves nothing behind', async () => {
    const file = join(dir, 'src', 'gone.ts');
    await mkdir(file);
    await expect(writeFileAtomic(file, 'new', 'old', beside())).rejects.toThrow();
    expect(await readdir(join(dir, 'src'))).toEqual(['gone.ts']);
  });

  it('leaves nothing in the tree when killed mid-write, and the next write removes the leftover', async () => {
    const file = join(dir, 'src', 'big.ts');
    await writeFile(file, 'old');
    const child = join(dir, 'child.mts');
    const source = fileURLToPath(new URL('./writeFileAtomic.ts', import.meta.url));
    await writeFile(
      child,
      `import { writeFileAtomic } from ${JSON.stringify(source)};\n` +
        `await writeFileAtomic(${JSON.stringify(file)}, 'x'.repeat(96 * 1024 * 1024), 'old', { tempDirs: [${JSON.stringify(temps)}, ${JSON.stringify(join(dir, 'src'))}] });\n`,
    );
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: 'ignore' });
    // Kill it the moment a temp file appears, wherever that is.
    await new Promise<void>((resolve) => {
      const watchers = [temps, join(dir, 'src')].map((d) =>
        watch(d, (_, name) => {
          if (name !== null && name !== 'big.ts') {
            proc.kill('SIGKILL');
            for (const w of watchers) w.close();
            resolve();
          }
        }),
      );
    });
    await new Promise((r) => proc.on('exit', r));
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(join(dir, 'src'))).toEqual(['big.ts']);
    expect(await readdir(temps)).toHaveLength(1);
    await writeFileAtomic(file, 'new', 'old', { tempDirs: [temps] });
    expect(await readdir(temps)).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('new');
  }, 30_000);
});
