import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * The trees a sweep covers, as real paths: each named directory, and the directory of each named
 * file. Imports and `loadFromPath` are only followed to files inside them. A path that does not
 * exist adds nothing (the listing reports it).
 */
export async function scanRoots(paths: readonly string[], cwd: string): Promise<string[]> {
  const roots = new Set<string>();
  for (const p of paths) {
    try {
      const real = await realpath(resolve(cwd, p));
      roots.add((await stat(real)).isDirectory() ? real : dirname(real));
    } catch {
      // Not there: nothing to follow into.
    }
  }
  return [...roots];
}
