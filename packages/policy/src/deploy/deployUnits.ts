import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** One service that gets a role of its own. */
export interface DeployUnit {
  /** The role name: the package name without its scope, or the entry file's name. */
  name: string;
  /** Its directory relative to the working directory (`services/orders`); for an entry, the entry file. */
  path: string;
}

/**
 * The workspace packages of the repository at `cwd` (`workspaces` in its package.json, as npm,
 * yarn and pnpm-with-npm-syntax write it: exact directories and `dir/*` patterns), each a deploy
 * unit. Directories without a package.json are not packages and are left out; a `workspaces`
 * entry of another shape throws a `TypeError` naming it.
 */
export async function workspaceUnits(cwd: string): Promise<DeployUnit[]> {
  let manifest: { workspaces?: unknown };
  try {
    manifest = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8')) as { workspaces?: unknown };
  } catch {
    throw new TypeError(`--workspaces: ${join(cwd, 'package.json')} is missing or not JSON`);
  }
  const raw = manifest.workspaces;
  const patterns = Array.isArray(raw) ? raw : (raw as { packages?: unknown } | undefined)?.packages;
  if (!Array.isArray(patterns)) throw new TypeError('--workspaces: package.json has no "workspaces" list');
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (typeof pattern !== 'string' || /[*?[{]/.test(pattern.replace(/\/\*$/, '')))
      throw new TypeError(
        `--workspaces: cannot read the pattern ${JSON.stringify(pattern)} (exact directories and dir/* are supported); name the units with --entry`,
      );
    if (!pattern.endsWith('/*')) {
      dirs.push(posix.normalize(pattern));
      continue;
    }
    const parent = pattern.slice(0, -2);
    const entries = await readdir(join(cwd, parent), { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory()) dirs.push(posix.join(parent, e.name));
  }
  const units: DeployUnit[] = [];
  for (const dir of dirs.sort()) {
    try {
      const { name } = JSON.parse(await readFile(join(cwd, dir, 'package.json'), 'utf8')) as {
        name?: string;
      };
      units.push({ name: roleName(name ?? posix.basename(dir)), path: dir });
    } catch {
      // Not a package (no package.json): not a unit.
    }
  }
  return units;
}

/** A package or file name as an IAM role name: scope dropped, other characters replaced, 64 at most. */
export function roleName(raw: string): string {
  return (
    raw
      .replace(/^@[^/]+\//, '')
      .replace(/\.[cm]?[jt]sx?$/, '')
      .replace(/[^\w+=,.@-]/g, '-')
      .slice(0, 64) || 'service'
  );
}
