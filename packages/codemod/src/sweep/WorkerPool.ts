import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileOutcome, FileSettings } from './analyzeFile.js';
import type { FileTask } from './FileTask.js';

/** A batch of files for a sweep worker, and its answer. */
export interface WorkerRequest {
  items: Array<{ id: number; task: FileTask }>;
}
export interface WorkerReply {
  replies: Array<{ id: number; outcome: FileOutcome } | { id: number; error: string }>;
}

interface Pending {
  resolve: (o: FileOutcome) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  queue: WorkerRequest['items'];
  flushing: boolean;
  dead?: Error;
}

/** Files per message: one message per file costs more than reading a small file. */
const BATCH = 32;

/**
 * The built worker entry beside this module (`dist/sweepWorker.js` or `.cjs`). Running from
 * TypeScript sources there is none, and the sweep stays in-process.
 */
export function sweepWorkerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const file = join(dirname(here), here.endsWith('.cjs') ? 'sweepWorker.cjs' : 'sweepWorker.js');
  return existsSync(file) ? file : undefined;
}

/**
 * A fixed set of worker threads that each run `analyzeFile` with the real engine. Files go to the
 * least busy worker, in batches; only paths and outcomes cross threads, never file texts.
 */
export class WorkerPool {
  readonly #slots: Slot[] = [];
  #nextId = 0;

  constructor(file: string, size: number, settings: FileSettings) {
    if (!Number.isInteger(size) || size < 1)
      throw new TypeError(`worker count must be a positive integer, got ${size}`);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(file, { workerData: settings });
      const slot: Slot = { worker, pending: new Map(), queue: [], flushing: false };
      worker.on('message', (message: WorkerReply) => {
        for (const reply of message.replies) {
          const p = slot.pending.get(reply.id);
          if (p === undefined) continue;
          slot.pending.delete(reply.id);
          if ('outcome' in reply) p.resolve(reply.outcome);
          else p.reject(new Error(reply.error));
        }
      });
      const fail = (e: Error) => {
        slot.dead = e;
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
      };
      worker.on('error', (e: Error) => fail(new Error(`sweep worker crashed: ${e.message}`)));
      worker.on('exit', (code) => fail(new Error(`sweep worker exited with code ${code}`)));
      this.#slots.push(slot);
    }
  }

  /** Sweeps one file on the least busy live worker. */
  run(task: FileTask): Promise<FileOutcome> {
    const live = this.#slots.filter((s) => s.dead === undefined);
    const slot = live.reduce<Slot | undefined>(
      (a, s) => (a === undefined || s.pending.size < a.pending.size ? s : a),
      undefined,
    );
    if (slot === undefined) return Promise.reject(new Error('every sweep worker has crashed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.queue.push({ id, task });
      if (slot.queue.length >= BATCH) this.#flush(slot);
      else if (!slot.flushing) {
        slot.flushing = true;
        // Whatever else is queued in this turn of the event loop goes in the same message.
        setImmediate(() => this.#flush(slot));
      }
    });
  }

  #flush(slot: Slot): void {
    slot.flushing = false;
    if (slot.queue.length === 0 || slot.dead !== undefined) return;
    slot.worker.postMessage({ items: slot.queue.splice(0) } satisfies WorkerRequest);
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
