import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gitStatus, gitTopLevel } from './gitWorkTree.js';
import { SweepError } from './SweepError.js';

/**
 * Before `fix` writes anything: throws a `SweepError` if a git work tree holding one of
 * `paths` has changes to tracked files, so the rewrite can be reviewed and reverted on its own.
 * Untracked files do not block the run (a report just written, a new baseline); the sweep refuses
 * them one by one instead, since git could not undo their rewrite. Returns, per clean root, the
 * absolute paths of its untracked files.
 */
export function refuseDirtyTrees(paths: readonly string[], cwd: string): Map<string, Set<string>> {
  const clean = new Map<string, Set<string>>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const info = statSync(abs, { throwIfNoEntry: false });
    const root = gitTopLevel(info?.isDirectory() ? abs : dirname(abs));
    if (root === undefined || clean.has(root)) continue;
    const { changed, untracked } = gitStatus(root);
    if (changed.length > 0) {
      const shown =
        changed.slice(0, 5).join(', ') + (changed.length > 5 ? `, and ${changed.length - 5} more` : '');
      throw new SweepError(
        `refusing to write into ${root}: it has uncommitted changes (${shown}). Commit or stash them first so the fix can be reviewed and reverted on its own, or pass --allow-dirty.`,
      );
    }
    clean.set(root, new Set(untracked.map((u) => join(root, u))));
  }
  return clean;
}
