/** One entry of `packages` in a lockfile (v3). */
interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/** A packed workspace: where it lives in the repository and the tarball it became. */
export interface PackedWorkspace {
  /** e.g. `packages/emulator` */
  dir: string;
  name: string;
  /** The tarball, relative to the scratch project, e.g. `../tarballs/keyless-emulator-0.1.0.tgz`. */
  tarball: string;
}

// Flags that describe the repository's tree (dev-only, peer-only...), not the scratch project's.
const TREE_FLAGS = ['dev', 'devOptional', 'peer', 'extraneous', 'inBundle'];

/**
 * A lockfile for a scratch project that depends on the packed tarballs, with every third-party
 * package pinned exactly as the repository's lockfile has it. With it, `npm ci --offline` needs only
 * the tarballs `npm ci` already put in the cache, not the registry's package metadata, which an
 * `npm ci`-filled cache may not hold.
 *
 * Each tarball's dependencies are resolved the way Node resolves them from its workspace folder in
 * the repository, and the same layout is rebuilt under the scratch project's `node_modules`.
 */
export function scratchLockfile(
  rootLock: { packages: Record<string, LockEntry> },
  workspaces: readonly PackedWorkspace[],
  project: { name: string; version: string },
  registry = 'https://registry.npmjs.org/',
): { lockfile: object; dependencies: Record<string, string> } {
  const all = rootLock.packages;
  const byDir = new Map(workspaces.map((w) => [w.dir, w]));
  const scratchPath = (rootPath: string): string => {
    for (const w of workspaces) {
      if (rootPath === w.dir || rootPath.startsWith(`${w.dir}/`))
        return `node_modules/${w.name}${rootPath.slice(w.dir.length)}`;
    }
    return rootPath;
  };
  const out: Record<string, LockEntry> = {};
  const dependencies = Object.fromEntries(workspaces.map((w) => [w.name, `file:${w.tarball}`]));
  out[''] = { name: project.name, version: project.version, dependencies };

  const visit = (rootPath: string): void => {
    const target = scratchPath(rootPath);
    if (out[target] !== undefined) return;
    const entry = all[rootPath];
    if (entry === undefined) throw new Error(`package-lock.json has no entry ${rootPath}`);
    const workspace = byDir.get(rootPath);
    const copy: LockEntry = { ...entry };
    for (const flag of TREE_FLAGS) delete copy[flag];
    delete copy.devDependencies;
    if (workspace !== undefined) {
      delete copy.name;
      copy.resolved = `file:${workspace.tarball}`;
    } else if (copy.resolved === undefined && copy.version !== undefined) {
      // The repository's lockfile leaves registry URLs out; without one npm would ask the registry.
      copy.resolved = tarballUrl(
        registry,
        entry.name ?? rootPath.slice(rootPath.lastIndexOf('node_modules/') + 13),
        copy.version,
      );
    }
    out[target] = copy;
    const wanted = { ...entry.dependencies, ...entry.optionalDependencies };
    for (const dep of Object.keys(wanted)) {
      const found = resolveFrom(all, rootPath, dep);
      if (found === undefined) {
        if (entry.optionalDependencies?.[dep] !== undefined) continue;
        throw new Error(`cannot resolve ${dep} from ${rootPath} in package-lock.json`);
      }
      visit(found);
    }
  };
  for (const w of workspaces) visit(w.dir);
  return {
    lockfile: {
      name: project.name,
      version: project.version,
      lockfileVersion: 3,
      requires: true,
      packages: out,
    },
    dependencies,
  };
}

/** Node's lookup: `<dir>/node_modules/<dep>`, then each parent's, then the root's; links followed. */
function resolveFrom(all: Record<string, LockEntry>, from: string, dep: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${dep}` : `${dir}/node_modules/${dep}`;
    const entry = all[candidate];
    if (entry !== undefined)
      return entry.link === true && entry.resolved !== undefined ? entry.resolved : candidate;
    if (dir === '') return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut >= 0 ? dir.slice(0, cut) : '';
  }
}

/** The registry's tarball URL: `<registry><name>/-/<name without scope>-<version>.tgz`. */
function tarballUrl(registry: string, name: string, version: string): string {
  const base = registry.endsWith('/') ? registry : `${registry}/`;
  return `${base}${name}/-/${name.slice(name.indexOf('/') + 1)}-${version}.tgz`;
}
