import { describe, expect, it } from 'vitest';
import { chooseThreads, defaultWorkers, WORKER_THRESHOLD } from './chooseThreads.js';
import type { FileTask } from './FileTask.js';

function tasks(count: number): Iterator<FileTask> {
  return Array.from({ length: count }, (_, i) => ({
    path: `/t/f${i}.ts`,
    file: `f${i}.ts`,
    root: '/t',
    git: false,
  }))[Symbol.iterator]();
}

const built = { workerFile: '/dist/sweepWorker.js' };

describe(defaultWorkers.name, () => {
  it('starts no worker on 1 or 2 CPUs, where one worker only adds messages to one thread of work', () => {
    expect(defaultWorkers(1)).toBe(0);
    expect(defaultWorkers(2)).toBe(0);
  });

  it('starts one per spare CPU from 3 CPUs on, at most 8', () => {
    expect(defaultWorkers(3)).toBe(2);
    expect(defaultWorkers(4)).toBe(3);
    expect(defaultWorkers(64)).toBe(8);
  });
});

describe(chooseThreads.name, () => {
  it('stays in-process on 2 CPUs however large the tree', () => {
    const { files, threads } = chooseThreads(tasks(WORKER_THRESHOLD * 2), { ...built, cpus: 2 });
    expect(threads).toBe(0);
    expect([...files]).toHaveLength(WORKER_THRESHOLD * 2);
  });

  it('switches to workers on 4 CPUs once the tree passes the threshold, replaying what it listed ahead', () => {
    const { files, threads } = chooseThreads(tasks(WORKER_THRESHOLD + 20), { ...built, cpus: 4 });
    expect(threads).toBe(3);
    expect([...files].map((t) => t.file)).toEqual(
      Array.from({ length: WORKER_THRESHOLD + 20 }, (_, i) => `f${i}.ts`),
    );
  });

  it('stays in-process for a tree under the threshold', () => {
    const { files, threads } = chooseThreads(tasks(10), { ...built, cpus: 4 });
    expect(threads).toBe(0);
    expect([...files]).toHaveLength(10);
  });

  it('takes an explicit worker count as it is, without a built worker only in-process', () => {
    expect(chooseThreads(tasks(3), { ...built, cpus: 2, workers: 2 }).threads).toBe(2);
    expect(chooseThreads(tasks(3), { workerFile: undefined, workers: 2 }).threads).toBe(0);
  });
});
