import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { runGit } from '../gitWorkTree.js';
import { SweepError } from '../SweepError.js';
import { toPosixPath } from '../toPosixPath.js';

/** A repository whose history is swept, checked before anything is read. */
export interface HistoryRepository {
  /** Absolute root of the work tree. */
  root: string;
  /** `/`-separated paths inside the repository the sweep is limited to; empty: all of it. */
  pathspecs: string[];
  /** Commit id of `--since`: only commits not reachable from it are read. */
  since?: string | undefined;
}

async function directoryOf(path: string): Promise<string> {
  try {
    return (await stat(path)).isDirectory() ? path : dirname(path);
  } catch {
    throw new SweepError(
      `${path} does not exist: --history takes the repositories (or folders in them) to read`,
    );
  }
}

/**
 * Finds the repository that holds `path` and refuses what `--history` cannot read in full: a path
 * outside any git work tree, a shallow clone (its history stops at the graft, so keys added before
 * it would be missed without a word), and a `since` that names no commit. Each refusal is a
 * `SweepError` saying what to do.
 */
export async function openRepository(
  path: string,
  cwd: string,
  since: string | undefined,
): Promise<HistoryRepository> {
  const absolute = resolve(cwd, path);
  const dir = await directoryOf(absolute);
  const top = runGit(dir, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) {
    throw new SweepError(
      `${path} is not in a git work tree, so it has no history to scan (run it in a clone, or drop --history)`,
    );
  }
  const root = top.stdout.trim();
  const shallow = runGit(root, ['rev-parse', '--is-shallow-repository']);
  if (shallow.stdout.trim() === 'true') {
    throw new SweepError(
      `${root} is a shallow clone: its history stops early, so --history would miss keys added before that (run \`git fetch --unshallow\`; in GitHub Actions, actions/checkout with fetch-depth: 0)`,
    );
  }
  let sinceId: string | undefined;
  if (since !== undefined) {
    // `--end-of-options` keeps a REV that starts with `-` from being read as an option.
    const rev = runGit(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${since}^{commit}`]);
    if (rev.code !== 0) {
      throw new SweepError(
        `--since: ${JSON.stringify(since)} is not a commit in ${root} (give a commit id, tag or branch, e.g. --since origin/main)`,
      );
    }
    sinceId = rev.stdout.trim();
  }
  // The prefix is git's own (symlinks resolved), so it matches the paths `git log` prints.
  const prefix = runGit(dir, ['rev-parse', '--show-prefix']).stdout.trim();
  const pathspec = `${prefix}${absolute === dir ? '' : toPosixPath(relative(dir, absolute))}`.replace(
    /\/$/,
    '',
  );
  return { root, pathspecs: pathspec === '' ? [] : [pathspec], since: sinceId };
}
