import { type Dirent, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describeIoError } from './describeIoError.js';
import type { FileTask } from './FileTask.js';
import { gitIgnores, gitListFiles, gitTopLevel } from './gitWorkTree.js';
import { isExcludedPath } from './isExcludedPath.js';
import type { SweepFileError } from './SweepResult.js';
import { toPosixPath } from './toPosixPath.js';

/** One entry of the file listing: a file to sweep, or a path that could not be listed. */
export type ListedEntry = { type: 'file'; task: FileTask } | { type: 'error'; error: SweepFileError };

interface Lister {
  cwd: string;
  isScannable: (path: string) => boolean;
  seen: Set<string>;
  /** Work tree root by directory, for files named one by one (`keyless scan $(git diff --name-only)`). */
  roots: Map<string, string | undefined>;
}

function topLevelOf(l: Lister, dir: string): string | undefined {
  if (!l.roots.has(dir)) l.roots.set(dir, gitTopLevel(dir));
  return l.roots.get(dir);
}

/** `path` relative to the working directory, `/`-separated; a prefix cut when it is inside. */
function reportPath(l: Lister, path: string): string {
  const inside = path.startsWith(l.cwd) && path[l.cwd.length] === sep;
  return toPosixPath(inside ? path.slice(l.cwd.length + 1) : relative(l.cwd, path)) || '.';
}

function entry(l: Lister, path: string, repo: string | undefined): ListedEntry | undefined {
  if (l.seen.has(path)) return undefined;
  l.seen.add(path);
  const file = reportPath(l, path);
  return { type: 'file', task: { path, file, root: repo ?? l.cwd, git: repo !== undefined } };
}

function listError(l: Lister, path: string, e: unknown): ListedEntry {
  const file = reportPath(l, path);
  return {
    type: 'error',
    error: { file, kind: 'io', message: `cannot list ${file}: ${describeIoError(e)}` },
  };
}

function* listRepository(l: Lister, dir: string, root: string): Generator<ListedEntry> {
  let files: string[];
  try {
    files = gitListFiles(dir);
  } catch (e: unknown) {
    const file = reportPath(l, dir);
    yield { type: 'error', error: { file, kind: 'io', message: String(e instanceof Error ? e.message : e) } };
    return;
  }
  for (const rel of files) {
    // A nested repository shows up as `sub/`: it has a .gitignore of its own.
    if (rel.endsWith('/')) {
      if (!isExcludedPath(rel)) yield* listDirectory(l, join(dir, rel), false);
      continue;
    }
    if (isExcludedPath(rel) || !l.isScannable(rel)) continue;
    const e = entry(l, join(dir, rel), root);
    if (e) yield e;
  }
}

/**
 * A directory walk outside git. `entries` are the walked directory's own, already read to tell
 * whether it holds `.git`.
 */
function* walk(l: Lister, dir: string, entries: Dirent[]): Generator<ListedEntry> {
  for (const d of entries) {
    const path = join(dir, d.name);
    // Names alone decide: every directory above was checked on the way down.
    // Symlinks are not followed: they loop, and what they point to is swept where it lives.
    if (d.isDirectory()) {
      if (isExcludedPath(`${d.name}/x`)) continue;
      const inner = readEntries(l, path);
      if (Array.isArray(inner)) yield* nested(l, path, inner) ?? walk(l, path, inner);
      else yield inner;
    } else if (d.isFile() && !isExcludedPath(d.name) && l.isScannable(d.name)) {
      const e = entry(l, path, undefined);
      if (e) yield e;
    }
  }
}

function readEntries(l: Lister, dir: string): Dirent[] | ListedEntry {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (e: unknown) {
    return listError(l, dir, e);
  }
}

/** Inside a walk, a directory holding `.git` is a repository of its own: git lists it. */
function nested(l: Lister, dir: string, entries: Dirent[]): Generator<ListedEntry> | undefined {
  if (!entries.some((d) => d.name === '.git')) return undefined;
  const root = gitTopLevel(dir);
  return root === undefined ? undefined : listRepository(l, dir, root);
}

function* listDirectory(l: Lister, dir: string, top: boolean): Generator<ListedEntry> {
  const root = top ? gitTopLevel(dir) : undefined;
  // A directory git ignores but the user named (`keyless scan node_modules/pkg`) is walked.
  if (root !== undefined && !gitIgnores(dir)) {
    yield* listRepository(l, dir, root);
    return;
  }
  const entries = readEntries(l, dir);
  if (!Array.isArray(entries)) {
    yield entries;
    return;
  }
  yield* nested(l, dir, entries) ?? walk(l, dir, entries);
}

/**
 * Lists the files to sweep under `paths` (files or directories, relative to `cwd`): from
 * `git ls-files` inside a work tree (so `.gitignore` holds), from a directory walk outside one,
 * without dependencies, build output or editor history, and each file once. A file named
 * explicitly is always swept. Synchronous and lazy: a sweep's one thread waits on each listing
 * call anyway, and the event loop round trip of an async one cost more than the call.
 */
export function* listFiles(
  paths: readonly string[],
  cwd: string,
  isScannable: (path: string) => boolean,
): Generator<ListedEntry> {
  const l: Lister = { cwd, isScannable, seen: new Set(), roots: new Map() };
  for (const p of paths) {
    const path = resolve(cwd, p);
    let info: ReturnType<typeof statSync>;
    try {
      info = statSync(path);
    } catch (e: unknown) {
      yield listError(l, path, e);
      continue;
    }
    if (info?.isDirectory()) {
      yield* listDirectory(l, path, true);
    } else {
      // A file named through a symlink is swept (and fixed) where it really is.
      const real = realpathSync(path);
      const e = entry(l, real, topLevelOf(l, dirname(real)));
      if (e) yield e;
    }
  }
}
