import { availableParallelism } from 'node:os';
import type { FileTask } from './analyzeFile.js';
import type { SweepOptions } from './SweepOptions.js';
import { sweepWorkerFile } from './WorkerPool.js';

/** Below this many files the worker start-up costs more than it saves. */
export const WORKER_THRESHOLD = 500;

/**
 * How many worker threads to sweep with: none for an injected analyzer, without a built worker
 * (running from TypeScript sources) or for a small tree; otherwise `workers`, or one per spare
 * CPU. To tell a small tree from a large one the first `WORKER_THRESHOLD` paths are read ahead;
 * `files` replays them.
 */
export async function chooseThreads(
  source: AsyncGenerator<FileTask>,
  options: SweepOptions,
): Promise<{ files: AsyncIterable<FileTask>; threads: number }> {
  const wanted = options.workers ?? Math.max(1, Math.min(availableParallelism() - 1, 8));
  if (options.analyzer !== undefined || wanted === 0 || sweepWorkerFile() === undefined) {
    return { files: source, threads: 0 };
  }
  const head: FileTask[] = [];
  if (options.workers === undefined) {
    for (let next = await source.next(); ; next = await source.next()) {
      if (next.done) return { files: replay(head, undefined), threads: 0 };
      head.push(next.value);
      if (head.length >= WORKER_THRESHOLD) break;
    }
  }
  return { files: replay(head, source), threads: wanted };
}

async function* replay(
  head: FileTask[],
  rest: AsyncIterable<FileTask> | undefined,
): AsyncGenerator<FileTask> {
  yield* head.splice(0);
  if (rest !== undefined) yield* rest;
}
