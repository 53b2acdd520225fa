import { availableParallelism } from 'node:os';
import type { FileTask } from './FileTask.js';
import type { SweepOptions } from './SweepOptions.js';
import { sweepWorkerFile } from './WorkerPool.js';

/** Below this many files the worker start-up costs more than it saves. */
export const WORKER_THRESHOLD = 500;

/**
 * Workers a sweep starts by default on a machine with `cpus` CPUs. The main thread only lists and
 * tallies while workers analyse, so one worker is one thread doing the work with messages on top
 * (about 10 % slower than none on 2 CPUs): workers start only when at least two can run beside the
 * main thread, at most 8.
 */
export function defaultWorkers(cpus: number): number {
  const spare = Math.min(cpus - 1, 8);
  return spare >= 2 ? spare : 0;
}

/** What decides the thread count: the sweep's options, and (for tests) the machine. */
export interface ThreadChoice extends Pick<SweepOptions, 'workers' | 'analyzer'> {
  /** CPUs to plan for; default `availableParallelism()`. */
  cpus?: number;
  /** The built worker entry; default `sweepWorkerFile()`. */
  workerFile?: string | undefined;
}

/**
 * How many worker threads to sweep with: none for an injected analyzer, without a built worker
 * (running from TypeScript sources) or for a small tree; otherwise `workers`, or
 * `defaultWorkers`. To tell a small tree from a large one the first `WORKER_THRESHOLD` paths are
 * listed ahead; `files` replays them.
 */
export function chooseThreads(
  source: Iterator<FileTask>,
  options: ThreadChoice,
): { files: Iterable<FileTask>; threads: number } {
  const wanted = options.workers ?? defaultWorkers(options.cpus ?? availableParallelism());
  const workerFile = 'workerFile' in options ? options.workerFile : sweepWorkerFile();
  if (options.analyzer !== undefined || wanted === 0 || workerFile === undefined) {
    return { files: replay([], source), threads: 0 };
  }
  const head: FileTask[] = [];
  if (options.workers === undefined) {
    for (let next = source.next(); ; next = source.next()) {
      if (next.done) return { files: replay(head, undefined), threads: 0 };
      head.push(next.value);
      if (head.length >= WORKER_THRESHOLD) break;
    }
  }
  return { files: replay(head, source), threads: wanted };
}

function* replay(head: FileTask[], rest: Iterator<FileTask> | undefined): Generator<FileTask> {
  yield* head.splice(0);
  if (rest === undefined) return;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}
