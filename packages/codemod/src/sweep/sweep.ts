import { join, resolve } from 'node:path';
import { analyzeFile, type FileOutcome, type FileSettings } from './analyzeFile.js';
import { chooseThreads } from './chooseThreads.js';
import { defaultAnalyzer } from './defaultAnalyzer.js';
import type { FileTask } from './FileTask.js';
import { forEachBounded } from './forEachBounded.js';
import { gitStatus } from './gitWorkTree.js';
import { inShard, type Shard } from './inShard.js';
import { type ListedEntry, listFiles } from './listFiles.js';
import { loadBaseline } from './loadBaseline.js';
import { refuseDirtyTrees } from './refuseDirtyTrees.js';
import type { SweepOptions } from './SweepOptions.js';
import type { SweepResult } from './SweepResult.js';
import { SweepTally } from './SweepTally.js';
import { scanRoots } from './scanRoots.js';
import { validateSweepOptions } from './validateSweepOptions.js';
import { sweepWorkerFile, WorkerPool } from './WorkerPool.js';

/** Default `maxFileBytes`: larger files are bundles and generated code, not hand-written config. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
// Enough to keep a worker's batches full while the main thread lists and tallies.
const IN_FLIGHT_PER_WORKER = 96;

/** Only files of the requested shard; listing errors pass through. */
function* sharded(entries: Iterable<ListedEntry>, shard: Shard | undefined): Generator<ListedEntry> {
  for (const e of entries)
    if (e.type === 'error' || shard === undefined || inShard(e.task.file, shard)) yield e;
}

/** Whether `fix` may write into a work tree met only during the walk, and its untracked files. */
function rootState(root: string): Set<string> | 'dirty' {
  try {
    const s = gitStatus(root);
    return s.changed.length > 0 ? 'dirty' : new Set(s.untracked.map((u) => join(root, u)));
  } catch {
    return 'dirty';
  }
}

/**
 * Sweeps files and directories for hard-coded AWS keys with the engine, one file at a time
 * (in-process or in worker threads), applies inline ignores and the baseline, and under `fix`
 * writes the engine's rewrites atomically (or, under `dryRun`, returns masked diffs). A file that
 * cannot be read, parsed or written is an entry in `errors` and is left as it was; only a problem
 * with the whole run (bad baseline, dirty work tree) rejects, with a `SweepError`.
 */
export async function sweep(options: SweepOptions): Promise<SweepResult> {
  validateSweepOptions(options);
  const clock = options.clock ?? Date;
  const started = clock.now();
  const analyzer = options.analyzer ?? defaultAnalyzer;
  const dryRun = options.dryRun === true;
  const fix = options.fix === true || dryRun;
  const writes = fix && !dryRun;
  const settings: FileSettings = {
    cwd: options.cwd,
    roots: await scanRoots(options.paths, options.cwd),
    fix,
    dryRun,
    target: options.target ?? 'keyless',
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  const clean =
    writes && options.allowDirty !== true ? refuseDirtyTrees(options.paths, options.cwd) : undefined;
  const baseline =
    options.baseline === undefined ? undefined : await loadBaseline(resolve(options.cwd, options.baseline));
  const tally = new SweepTally(baseline);
  const roots = new Map<string, Set<string> | 'dirty'>();

  let listed = 0;
  let done = 0;
  const entries = sharded(
    listFiles(options.paths, options.cwd, (p) => analyzer.fileKind(p) !== undefined),
    options.shard,
  );
  function* tasks(): Generator<FileTask> {
    for (const e of entries) {
      if (e.type === 'error') tally.error(e.error);
      else {
        listed++;
        yield e.task;
      }
    }
  }

  // Why `fix` must not write this file, if it must not: its work tree has uncommitted changes
  // (a repository met only during the walk is checked when its first file comes up), or the
  // file itself is untracked, so git could not undo the rewrite.
  function refusal(task: FileTask): string | undefined {
    if (clean === undefined || !task.git) return undefined;
    let state = roots.get(task.root) ?? clean.get(task.root);
    if (state === undefined) {
      state = rootState(task.root);
      roots.set(task.root, state);
    }
    if (state === 'dirty') return `${task.root} has uncommitted changes (commit them, or pass --allow-dirty)`;
    if (state.has(task.path))
      return `${task.file} is not committed, so git could not undo the rewrite (commit it, or pass --allow-dirty)`;
    return undefined;
  }

  const run = async (task: FileTask, analyze: (t: FileTask) => Promise<FileOutcome>): Promise<void> => {
    try {
      const refused = refusal(task);
      if (refused !== undefined) {
        const outcome = await analyzeFile(task, { ...settings, dryRun: true }, analyzer);
        if (outcome.changed) {
          outcome.errors.push({ file: task.file, kind: 'dirty', message: `not rewritten: ${refused}` });
          for (const f of outcome.findings) delete f.fixed;
        }
        tally.add({ ...outcome, changed: false, patch: undefined, imports: undefined });
      } else {
        tally.add(await analyze(task));
      }
    } catch (e: unknown) {
      tally.error({
        file: task.file,
        kind: 'engine',
        message: `${task.file}: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
    done++;
    options.onProgress?.(done, listed);
  };

  const { files, threads } = chooseThreads(tasks(), options);
  if (threads === 0) {
    // One file at a time: reads are synchronous, so nothing would overlap anyway.
    for (const t of files) await run(t, (task) => analyzeFile(task, settings, analyzer));
    return tally.result(clock.now() - started, 0);
  }
  const pool = new WorkerPool(sweepWorkerFile() ?? '', threads, settings);
  try {
    await forEachBounded(files, threads * IN_FLIGHT_PER_WORKER, (t) => run(t, (task) => pool.run(task)));
  } finally {
    await pool.close();
  }
  return tally.result(clock.now() - started, threads);
}
