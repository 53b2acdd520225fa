/** A scheduled callback that can be cancelled. */
export interface ScheduledTask {
  cancel(): void;
}

/**
 * Where the refresh cache schedules its background refreshes. The default uses `setTimeout` with
 * `unref()`, so a pending refresh never keeps the process alive. Tests inject a scheduler driven by
 * the same fake clock as the cache.
 */
export interface Scheduler {
  schedule(callback: () => void, delayMs: number): ScheduledTask;
}

// setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days); longer waits are chained.
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/** The real-timer scheduler: unref'd `setTimeout`, chained for delays past the 24.8-day limit. */
export const defaultScheduler: Scheduler = {
  schedule(callback, delayMs) {
    let timer: NodeJS.Timeout | undefined;
    const arm = (remaining: number): void => {
      const step = Math.min(Math.max(0, remaining), MAX_TIMER_DELAY_MS);
      timer = setTimeout(() => (remaining > step ? arm(remaining - step) : callback()), step);
      timer.unref();
    };
    arm(delayMs);
    return { cancel: () => clearTimeout(timer) };
  },
};
