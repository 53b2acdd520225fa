import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { gitDirtyPaths, gitTopLevel } from './gitWorkTree.js';
import { SweepError } from './SweepError.js';

/**
 * Before `fix` writes anything: rejects with a `SweepError` if a git work tree holding one of
 * `paths` has uncommitted changes, so the rewrite can be reviewed and reverted on its own.
 * Returns the roots found clean.
 */
export async function refuseDirtyTrees(paths: readonly string[], cwd: string): Promise<Set<string>> {
  const checked = new Set<string>();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    const info = await stat(abs).catch(() => undefined);
    const root = await gitTopLevel(info?.isDirectory() ? abs : dirname(abs));
    if (root === undefined || checked.has(root)) continue;
    checked.add(root);
    const dirty = await gitDirtyPaths(root);
    if (dirty.length > 0) {
      const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? `, and ${dirty.length - 5} more` : '');
      throw new SweepError(
        `refusing to write into ${root}: it has uncommitted changes (${shown}). Commit or stash them first so the fix can be reviewed and reverted on its own, or pass --allow-dirty.`,
      );
    }
  }
  return checked;
}
