import type { Analyzer, FixTarget } from './Analyzer.js';
import type { Shard } from './inShard.js';

/** What to sweep and how. */
export interface SweepOptions {
  /** Files and directories, relative to `cwd` or absolute. */
  paths: string[];
  /** Absolute directory that report paths are relative to. */
  cwd: string;
  /** Rewrite the safe shapes and write the files (atomically). */
  fix?: boolean;
  /** Compute the rewrite and return masked diffs without writing anything. */
  dryRun?: boolean;
  /** Rewrite target, default `'keyless'`. */
  target?: FixTarget;
  /** Baseline file (relative to `cwd`): findings whose fingerprint it lists are left out. */
  baseline?: string | undefined;
  /** Sweep only this slice of the files (1-based `index` of `count`). */
  shard?: Shard;
  /** Let `fix` write into git work trees with uncommitted changes. */
  allowDirty?: boolean;
  /**
   * Worker threads: `0` sweeps in-process; default: one per spare CPU (at most 8) once the tree
   * has more than `WORKER_THRESHOLD` files, and none on 1-2 CPUs, where a worker only adds messages
   * to the one thread doing the work. Workers need the built package (`dist/sweepWorker.js`);
   * from sources the sweep stays in-process.
   */
  workers?: number;
  /** Files larger than this are skipped as generated output. Default 2 MiB. */
  maxFileBytes?: number;
  /** Called after each file; `total` grows while the listing streams. */
  onProgress?: (done: number, total: number) => void;
  /** The engine; default the real one. Replacing it keeps the sweep in-process. */
  analyzer?: Analyzer;
  clock?: { now(): number };
}
