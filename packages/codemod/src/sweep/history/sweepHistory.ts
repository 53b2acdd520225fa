import { join, relative, resolve } from 'node:path';
import { MAX_READ_BYTES } from '../analyzeFile.js';
import { defaultAnalyzer } from '../defaultAnalyzer.js';
import { isExcludedPath } from '../isExcludedPath.js';
import { loadBaseline } from '../loadBaseline.js';
import type { ReportedFinding, SweepResult } from '../SweepResult.js';
import { SweepTally } from '../SweepTally.js';
import { DEFAULT_MAX_FILE_BYTES } from '../sweep.js';
import { toPosixPath } from '../toPosixPath.js';
import { validateSweepOptions } from '../validateSweepOptions.js';
import { catBlobs } from './catBlobs.js';
import type { HistoryOptions } from './HistoryOptions.js';
import { listIntroductions } from './listIntroductions.js';
import { type HistoryRepository, openRepository } from './openRepository.js';
import { type BlobPath, scanBlob } from './scanBlob.js';

// git's own plumbing (`git log --raw`, `git cat-file --batch`) in child processes, by hand: no
// focused npm library streams both. simple-git buffers each command's whole output and has no
// `cat-file --batch` reader; isomorphic-git reimplements pack reading in JavaScript, many times
// slower than git at inflating and resolving deltas; nodegit's native build is unmaintained, and
// es-git / @napi-rs/simple-git would add a native libgit2 binary for what git already does here.

/** The path below the folder the user named, which is what the default exclusions look at. */
function belowPathspec(path: string, pathspecs: readonly string[]): string {
  const ps = pathspecs.find((p) => path === p || path.startsWith(`${p}/`));
  return ps === undefined || ps === path ? (path.split('/').pop() ?? path) : path.slice(ps.length + 1);
}

async function repositories(options: HistoryOptions): Promise<HistoryRepository[]> {
  const byRoot = new Map<string, HistoryRepository>();
  for (const path of options.paths) {
    const repo = await openRepository(path, options.cwd, options.since);
    const known = byRoot.get(repo.root);
    if (known === undefined) byRoot.set(repo.root, repo);
    // No pathspec is the whole repository, which holds every other one.
    else
      known.pathspecs =
        known.pathspecs.length === 0 || repo.pathspecs.length === 0
          ? []
          : [...known.pathspecs, ...repo.pathspecs];
  }
  return [...byRoot.values()];
}

/**
 * Sweeps git history for hard-coded AWS keys: every file version reachable from any ref (or only
 * those added since `since`), each distinct blob read once through `git cat-file --batch` and
 * analysed once, with the tree scan's file filter, keyword prefilter, size limits, inline ignores,
 * fingerprints and baseline. Each finding carries the commit that introduced it (`introduced`):
 * a key that stays in a file through many edits is reported once, at the earliest commit and path
 * that held it. A path outside git, a shallow clone or a bad `since` rejects with a `SweepError`.
 */
export async function sweepHistory(options: HistoryOptions): Promise<SweepResult> {
  validateSweepOptions(options);
  if (options.since !== undefined && (typeof options.since !== 'string' || options.since.trim() === ''))
    throw new TypeError('sweepHistory: since must be a commit (id, tag or branch)');
  const clock = options.clock ?? Date;
  const started = clock.now();
  const analyzer = options.analyzer ?? defaultAnalyzer;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const repos = await repositories(options);
  const baseline =
    options.baseline === undefined ? undefined : await loadBaseline(resolve(options.cwd, options.baseline));
  const tally = new SweepTally(baseline);
  // The earliest sighting of each finding (by path and fingerprint) across every blob.
  const earliest = new Map<string, { finding: ReportedFinding; order: number }>();
  const commits = new Set<string>();
  let order = 0;
  let done = 0;
  let total = 0;

  for (const repo of repos) {
    const blobs = new Map<string, BlobPath[]>();
    for await (const intro of listIntroductions(repo, (c) => commits.add(c))) {
      if (
        isExcludedPath(belowPathspec(intro.path, repo.pathspecs)) ||
        analyzer.fileKind(intro.path) === undefined
      )
        continue;
      const file = toPosixPath(relative(options.cwd, join(repo.root, intro.path)));
      let paths = blobs.get(intro.blob);
      if (paths === undefined) {
        paths = [];
        blobs.set(intro.blob, paths);
      }
      if (!paths.some((p) => p.file === file))
        paths.push({ file, introduced: { commit: intro.commit, date: intro.date }, order: order++ });
    }
    total += blobs.size;
    const settings = { analyzer, cwd: options.cwd, root: repo.root, maxFileBytes };
    for await (const content of catBlobs(
      repo.root,
      [...blobs.keys()],
      Math.max(MAX_READ_BYTES, maxFileBytes),
    )) {
      const paths = blobs.get(content.blob);
      if (paths === undefined) continue;
      const scan = scanBlob(content, paths, settings);
      tally.add(scan.outcome);
      for (const seen of scan.findings) {
        const key = `${seen.finding.file}\0${seen.finding.fingerprint}`;
        const known = earliest.get(key);
        if (known === undefined || seen.order < known.order) earliest.set(key, seen);
      }
      done++;
      options.onProgress?.(done, total);
    }
  }
  tally.addFindings([...earliest.values()].map((e) => e.finding));
  const result = tally.result(clock.now() - started, 0);
  result.summary.commits = commits.size;
  return result;
}
