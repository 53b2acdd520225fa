import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import type { FileTask } from './analyzeFile.js';
import { describeIoError } from './describeIoError.js';
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
  roots: Map<string, Promise<string | undefined>>;
}

function topLevelOf(l: Lister, dir: string): Promise<string | undefined> {
  let root = l.roots.get(dir);
  if (root === undefined) {
    root = gitTopLevel(dir);
    l.roots.set(dir, root);
  }
  return root;
}

function entry(l: Lister, path: string, repo: string | undefined): ListedEntry | undefined {
  if (l.seen.has(path)) return undefined;
  l.seen.add(path);
  const file = toPosixPath(relative(l.cwd, path)) || '.';
  return { type: 'file', task: { path, file, root: repo ?? l.cwd, git: repo !== undefined } };
}

function listError(l: Lister, path: string, e: unknown): ListedEntry {
  const file = toPosixPath(relative(l.cwd, path)) || '.';
  return {
    type: 'error',
    error: { file, kind: 'io', message: `cannot list ${file}: ${describeIoError(e)}` },
  };
}

async function* listRepository(l: Lister, dir: string, root: string): AsyncGenerator<ListedEntry> {
  try {
    for await (const rel of gitListFiles(dir)) {
      // A nested repository shows up as `sub/`: it has a .gitignore of its own.
      if (rel.endsWith('/')) {
        if (!isExcludedPath(rel)) yield* listDirectory(l, join(dir, rel), true);
        continue;
      }
      if (isExcludedPath(rel) || !l.isScannable(rel)) continue;
      const e = entry(l, join(dir, rel), root);
      if (e) yield e;
    }
  } catch (e: unknown) {
    yield {
      type: 'error',
      error: {
        file: toPosixPath(relative(l.cwd, dir)) || '.',
        kind: 'io',
        message: String(e instanceof Error ? e.message : e),
      },
    };
  }
}

async function* walk(l: Lister, base: string, dir: string): AsyncGenerator<ListedEntry> {
  let handle: AsyncIterable<Dirent>;
  try {
    handle = await opendir(dir);
  } catch (e: unknown) {
    yield listError(l, dir, e);
    return;
  }
  for await (const d of handle) {
    const path = join(dir, d.name);
    const rel = toPosixPath(relative(base, path));
    // Symlinks are not followed: they loop, and what they point to is swept where it lives.
    if (d.isDirectory()) {
      if (isExcludedPath(`${rel}/x`)) continue;
      yield* listDirectory(l, path, false);
    } else if (d.isFile() && !isExcludedPath(rel) && l.isScannable(rel)) {
      const e = entry(l, path, undefined);
      if (e) yield e;
    }
  }
}

async function* listDirectory(l: Lister, dir: string, top: boolean): AsyncGenerator<ListedEntry> {
  const root = top ? await gitTopLevel(dir) : undefined;
  // A directory git ignores but the user named (`keyless scan node_modules/pkg`) is walked.
  if (root !== undefined && !(await gitIgnores(dir))) {
    yield* listRepository(l, dir, root);
    return;
  }
  // Inside a walk, a directory holding `.git` is a repository of its own: let git list it.
  const marker = await stat(join(dir, '.git')).catch(() => undefined);
  if (marker !== undefined) {
    const nested = await gitTopLevel(dir);
    if (nested !== undefined) {
      yield* listRepository(l, dir, nested);
      return;
    }
  }
  yield* walk(l, dir, dir);
}

/**
 * Streams the files to sweep under `paths` (files or directories, relative to `cwd`): from
 * `git ls-files` inside a work tree (so `.gitignore` holds), from a directory walk outside one,
 * without dependencies, build output or editor history, and each file once. A file named
 * explicitly is always swept.
 */
export async function* listFiles(
  paths: readonly string[],
  cwd: string,
  isScannable: (path: string) => boolean,
): AsyncGenerator<ListedEntry> {
  const l: Lister = { cwd, isScannable, seen: new Set(), roots: new Map() };
  for (const p of paths) {
    const path = resolve(cwd, p);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (e: unknown) {
      yield listError(l, path, e);
      continue;
    }
    if (info.isDirectory()) {
      yield* listDirectory(l, path, true);
    } else {
      // A file named through a symlink is swept (and fixed) where it really is.
      const real = await realpath(path);
      const e = entry(l, real, await topLevelOf(l, dirname(real)));
      if (e) yield e;
    }
  }
}
