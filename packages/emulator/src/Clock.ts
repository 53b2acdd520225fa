/** A source of the current time in epoch milliseconds; tests inject one to move time without waiting. */
export interface Clock {
  now(): number;
}

/** Reads `Date.now` on every call, never at import, so fake timers still apply. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };
