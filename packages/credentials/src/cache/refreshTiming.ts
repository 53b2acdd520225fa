const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The SEP's mandatory window: inside it every caller waits for the refresh. */
export const DEFAULT_MANDATORY_WINDOW_MS = 60 * SECOND;

/**
 * The SEP's advisory window, picked from the credential lifetime (expiration minus the time they were
 * received): up to 20 min gives 5 min, under 90 min gives 15 min, anything longer 60 min.
 */
export function selectAdvisoryWindowMs(lifetimeMs: number): number {
  if (lifetimeMs <= 20 * MINUTE) return 5 * MINUTE;
  if (lifetimeMs < 90 * MINUTE) return 15 * MINUTE;
  return 60 * MINUTE;
}

/** No two fetches of one cache start less than this apart while it serves a failing source's set. */
export const RETRY_FLOOR_MS = SECOND;

/**
 * No fetch that a caller does not have to wait on starts sooner than this after the last one: 1 s,
 * doubling for each set in a row that arrived already inside its advisory window, up to a minute. A
 * source that keeps answering with short sets is asked about once a minute, not in a loop.
 */
export function fetchFloorMs(shortSetsInARow: number): number {
  return Math.min(MINUTE, SECOND * 2 ** shortSetsInARow);
}

/** SEP refresh backoff after a failed refresh with credentials cached: uniform 300-600 s. */
export function refreshBackoffMs(random: () => number): number {
  return 300 * SECOND + random() * 300 * SECOND;
}

/** SEP: a non-recoverable error is cached for 1-5 s so a retry loop cannot hammer the source. */
export function errorCacheMs(random: () => number): number {
  return SECOND + random() * 4 * SECOND;
}

/**
 * How long before the advisory window the background refresh fires: up to a tenth of the window, at
 * most a minute. Firing early (never late) means no caller meets the advisory window first, and the
 * spread keeps many processes on one host from asking IMDS in the same second.
 */
export function prefetchLeadMs(random: () => number, advisoryWindowMs: number): number {
  return random() * Math.min(MINUTE, advisoryWindowMs / 10);
}

/**
 * When a source answers with the credentials already cached (IMDS before it rotates), further
 * window-driven refreshes wait 10-30 s instead of asking again on every call.
 */
export function unchangedPauseMs(random: () => number): number {
  return 10 * SECOND + random() * 20 * SECOND;
}

/**
 * Beyond the SEP: once the cached set has expired and the source is still failing, every request
 * signed with it fails, so the background timer (never a caller) asks again sooner than the 300-600 s
 * backoff: 1 s doubling per failed attempt up to a minute, each delay jittered to between half and all of it.
 */
export function staleRetryMs(random: () => number, attempt: number): number {
  return (0.5 + random() / 2) * Math.min(MINUTE, SECOND * 2 ** attempt);
}
