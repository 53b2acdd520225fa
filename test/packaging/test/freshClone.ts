import { copyFile, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from './runNode.js';

/**
 * Copies what a fresh clone of the repository would hold (tracked files plus new files that are not
 * ignored, as they are in the work tree now, so uncommitted changes are tested too) into `dest`,
 * and makes it a git work tree with those files staged, as `keyless scan` sees a clone.
 */
export async function copyAsFreshClone(repoRoot: string, dest: string): Promise<void> {
  const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
  });
  if (listed.code !== 0) throw new Error(`git ls-files failed:\n${listed.stderr}`);
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(repoRoot, path);
    // A tracked file deleted in the work tree is not part of what would be committed.
    const info = await stat(from).catch(() => undefined);
    if (!info?.isFile()) continue;
    await mkdir(dirname(join(dest, path)), { recursive: true });
    await copyFile(from, join(dest, path));
  }
  for (const args of [
    ['init', '-q'],
    ['add', '-A'],
  ]) {
    const git = await run('git', args, { cwd: dest });
    if (git.code !== 0) throw new Error(`git ${args.join(' ')} failed:\n${git.stderr}`);
  }
}
