import { lstat, mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { redactSecrets } from '@keyless/redact';
import type { FileTask } from './FileTask.js';

/** The repository's git directory: `.git`, or where a worktree's or submodule's `.git` file points. */
async function gitDirOf(root: string): Promise<string | undefined> {
  const marker = join(root, '.git');
  const info = await lstat(marker).catch(() => undefined);
  if (info?.isDirectory()) return marker;
  if (!info?.isFile()) return undefined;
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(marker, 'utf8').catch(() => ''));
  return m?.[1] === undefined ? undefined : resolve(root, m[1]);
}

/** `dir`, created owner-only, if it is a real directory of ours that nobody else can write. */
async function ownDir(dir: string): Promise<string | undefined> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch(() => undefined);
  const info = await lstat(dir).catch(() => undefined);
  const uid = process.getuid?.();
  if (!info?.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0) {
    return undefined;
  }
  return dir;
}

/**
 * Where `fix` may put the temp file of one rewrite, best first, all outside the work tree when
 * possible: the repository's git directory (never committed, same file system as the work tree
 * in all but odd setups), then a private directory under the OS temp dir. The file's own
 * directory only when the new text holds nothing that looks like a key, since a temp file left
 * there by `kill -9` sits in the tree.
 */
export async function fixTempDirs(task: FileTask, output: string): Promise<string[]> {
  const dirs: string[] = [];
  const gitDir = task.git ? await gitDirOf(task.root) : undefined;
  const inGit = gitDir === undefined ? undefined : await ownDir(join(gitDir, 'keyless-tmp'));
  if (inGit !== undefined) dirs.push(inGit);
  const private_ = await ownDir(join(tmpdir(), `keyless-${process.getuid?.() ?? 'user'}`));
  if (private_ !== undefined) dirs.push(private_);
  if (redactSecrets(output) === output) dirs.push(dirname(task.path));
  return dirs;
}
