import type { ScheduledTask, Scheduler } from '../../src/cache/Scheduler.js';

interface Task {
  at: number;
  seq: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock and a scheduler that move only when a test says so. `advance()` walks time forward, firing
 * due tasks in order and letting their promises settle in between.
 */
export class FakeTime implements Scheduler {
  #now: number;
  #seq = 0;
  readonly #tasks: Task[] = [];

  readonly #settle: () => Promise<void>;

  /**
   * @param settle awaited after each fired task, before time moves on; tests with real I/O behind a
   * timer pass one that waits for that work to finish.
   */
  constructor(start = Date.UTC(2026, 10, 27, 12, 0, 0), settleHook: () => Promise<void> = settle) {
    this.#now = start;
    this.#settle = settleHook;
  }

  now = (): number => this.#now;

  schedule(callback: () => void, delayMs: number): ScheduledTask {
    const task: Task = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false };
    this.#tasks.push(task);
    return {
      cancel: () => {
        task.cancelled = true;
      },
    };
  }

  /** Pending (not cancelled) tasks, soonest first. */
  pending(): number[] {
    return this.#live().map((t) => t.at);
  }

  /** Moves the clock without firing anything. */
  jump(ms: number): void {
    this.#now += ms;
  }

  /** Moves the clock by `ms`, firing every task that falls due on the way and settling its promises. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await this.#settle();
      const next = this.#live()[0];
      if (next === undefined || next.at > end) break;
      this.#now = Math.max(this.#now, next.at);
      next.cancelled = true;
      next.callback();
    }
    this.#now = end;
    await this.#settle();
  }

  #live(): Task[] {
    return this.#tasks.filter((t) => !t.cancelled).sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}

/** Lets pending promise chains run (several macrotask turns, enough for fetch chains of a few awaits). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
