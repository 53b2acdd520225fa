import { maskAccessKeyId, redactSecrets } from '@keyless/redact';
import type { AwsCredentialIdentity, Logger } from '@smithy/types';
import { CredentialsProviderError, isNonRecoverable } from '../errors/CredentialsProviderError.js';
import { publish, type RefreshReason } from '../events.js';
import { noopLogger } from '../noopLogger.js';
import { toError } from '../toError.js';
import { keepAliveWhile } from './keepAlive.js';
import {
  DEFAULT_MANDATORY_WINDOW_MS,
  errorCacheMs,
  fetchFloorMs,
  prefetchLeadMs,
  RETRY_FLOOR_MS,
  refreshBackoffMs,
  selectAdvisoryWindowMs,
  staleRetryMs,
  unchangedPauseMs,
} from './refreshTiming.js';
import { defaultScheduler, type ScheduledTask, type Scheduler } from './Scheduler.js';
import { validateCacheInit } from './validateCacheInit.js';

/** Options of {@link RefreshCache}. */
export interface RefreshCacheInit<T extends AwsCredentialIdentity> {
  /**
   * Fetches a new set. Expiring credentials must carry `expiration`; without it they are kept for good.
   * `retrying` is true while the cache serves a set through a failing source's backoff: the cache
   * itself retries (at most once a second once the set has expired), so one attempt is enough.
   */
  fetch: (request: { reason: RefreshReason; retrying: boolean }) => Promise<T>;
  /** Time source for every expiry decision. Default `Date`. */
  clock?: { now(): number };
  /** SDK-style logger. Default: no-op. */
  logger?: Logger;
  /** Fixed advisory window. Default: 5/15/60 min picked from each set's lifetime (SEP). */
  advisoryWindowMs?: number;
  /** Mandatory window, capped at the advisory window. Default 60 000. */
  mandatoryWindowMs?: number;
  /** Refresh in the background just before the advisory window, so no caller waits. Default true. */
  prefetch?: boolean;
  /** Names the cache in log lines and events. Default `'credentials'`. */
  name?: string;
  /** Where background refreshes are scheduled. Default: unref'd `setTimeout`. */
  scheduler?: Scheduler;
  /** Uniform [0, 1) source for backoff and jitter. Default `Math.random`. */
  random?: () => number;
}

interface Entry<T> {
  readonly value: T;
  readonly expiresAt: number | undefined;
  readonly advisoryMs: number;
  readonly mandatoryMs: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: Error };
type Phase = 'fresh' | 'advisory' | 'mandatory' | 'expired' | 'invalidated';

const systemClock = { now: () => Date.now() };

/**
 * A credentials cache with the cross-SDK refresh semantics (SEP) and more: one refresh at a time
 * shared by every caller; an advisory window where one caller refreshes and the others get the cached
 * set; a mandatory window where everyone waits; after a failed refresh the cached set (even expired)
 * is served for a 300-600 s backoff; non-recoverable errors are raised at once and cached 1-5 s;
 * `invalidate()` sends the next call through a mandatory refresh. On top of that an unref'd, jittered
 * timer refreshes just before the advisory window, so in steady state no caller ever waits, and a
 * background refresh never rejects anywhere.
 */
export class RefreshCache<T extends AwsCredentialIdentity = AwsCredentialIdentity> {
  readonly name: string;
  readonly #fetch: RefreshCacheInit<T>['fetch'];
  readonly #clock: { now(): number };
  readonly #logger: Logger;
  readonly #advisoryWindowMs: number | undefined;
  readonly #mandatoryWindowMs: number;
  readonly #prefetch: boolean;
  readonly #scheduler: Scheduler;
  readonly #random: () => number;

  #entry: Entry<T> | undefined;
  #inflight: Promise<Outcome<T>> | undefined;
  #backoffUntil = 0;
  #lastFetchAt = Number.NEGATIVE_INFINITY;
  #shortSets = 0;
  #pausedUntil = 0;
  #staleRetries = 0;
  #errorCache: { error: Error; until: number } | undefined;
  #invalidated = false;
  #timer: ScheduledTask | undefined;
  #closed = false;

  constructor(init: RefreshCacheInit<T>) {
    validateCacheInit(init);
    this.#fetch = init.fetch;
    this.#clock = init.clock ?? systemClock;
    this.#logger = init.logger ?? noopLogger;
    this.#advisoryWindowMs = init.advisoryWindowMs;
    this.#mandatoryWindowMs = init.mandatoryWindowMs ?? DEFAULT_MANDATORY_WINDOW_MS;
    this.#prefetch = init.prefetch ?? true;
    this.name = init.name ?? 'credentials';
    this.#scheduler = init.scheduler ?? defaultScheduler;
    this.#random = init.random ?? Math.random;
  }

  /** Resolves credentials; waits only on the first fetch, in the mandatory window, or past expiry. */
  async get(options?: { forceRefresh?: boolean }): Promise<T> {
    const now = this.#clock.now();
    const entry = this.#entry;
    if (entry === undefined) {
      this.#throwCachedError(now);
      const outcome = await keepAliveWhile(this.#refresh('initial'));
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const phase = this.#phase(entry, now, options?.forceRefresh);
    if (phase === 'fresh') return entry.value;
    this.#throwCachedError(now);
    if (now < this.#backoffUntil) {
      // Expired and failing: every request signed with this set fails, so a caller may start one
      // background retry a second (single flight) and the first call after recovery is fresh.
      if (phase === 'expired' && this.#inflight === undefined && now >= this.#lastFetchAt + RETRY_FLOOR_MS)
        void this.#refresh('expired');
      this.#servedStale(entry, 'backoff');
      return entry.value;
    }
    // While the set is still valid, no caller starts a fetch before the floor (a source that hands out
    // sets already inside their window would otherwise be asked on every call).
    const mayWait = phase !== 'expired' && phase !== 'invalidated';
    const paused = mayWait && (now < this.#pausedUntil || now < this.#nextFetchFloor());
    if (paused || (phase === 'advisory' && this.#inflight !== undefined)) return entry.value;
    const outcome = await keepAliveWhile(this.#refresh(phase));
    if (outcome.ok) return outcome.value;
    if (isNonRecoverable(outcome.error)) throw outcome.error;
    const kept = this.#entry ?? entry;
    this.#servedStale(kept, 'refresh-failed');
    return kept.value;
  }

  /**
   * A service rejected credentials: the next call goes through a mandatory refresh. With an access key
   * id, nothing happens unless it is the cached one (a concurrent refresh may have replaced it).
   */
  invalidate(accessKeyId?: string): void {
    const entry = this.#entry;
    const matched =
      entry !== undefined && (accessKeyId === undefined || entry.value.accessKeyId === accessKeyId);
    if (matched) {
      this.#invalidated = true;
      this.#pausedUntil = 0;
    }
    publish.invalidated({
      cache: this.name,
      accessKeyId: accessKeyId === undefined ? undefined : maskAccessKeyId(accessKeyId),
      matched,
      at: this.#clock.now(),
    });
  }

  /** Stops the background timer. Later calls still work; nothing refreshes in the background. */
  close(): void {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = undefined;
  }

  /** SEP: a non-recoverable error is re-raised without asking the source until its short cache ends. */
  #throwCachedError(now: number): void {
    if (this.#errorCache !== undefined && now < this.#errorCache.until) throw this.#errorCache.error;
  }

  #phase(entry: Entry<T>, now: number, force: boolean | undefined): Phase {
    if (force === true || this.#invalidated) return 'invalidated';
    if (entry.expiresAt === undefined) return 'fresh';
    if (now >= entry.expiresAt) return 'expired';
    if (now >= entry.expiresAt - entry.mandatoryMs) return 'mandatory';
    if (now >= entry.expiresAt - entry.advisoryMs) return 'advisory';
    return 'fresh';
  }

  #refresh(reason: RefreshReason): Promise<Outcome<T>> {
    this.#inflight ??= this.#runRefresh(reason);
    return this.#inflight;
  }

  async #runRefresh(reason: RefreshReason): Promise<Outcome<T>> {
    this.#lastFetchAt = this.#clock.now();
    publish.refreshStarted({ cache: this.name, reason, at: this.#lastFetchAt });
    let outcome: Outcome<T>;
    try {
      const retrying = this.#backoffUntil > this.#lastFetchAt;
      outcome = this.#accept(await this.#fetch({ reason, retrying }), reason);
    } catch (e: unknown) {
      outcome = this.#reject(toError(e), reason);
    }
    this.#inflight = undefined;
    this.#scheduleNext();
    return outcome;
  }

  #accept(value: T, reason: RefreshReason): Outcome<T> {
    const now = this.#clock.now();
    const invalid = describeInvalid(value, now);
    if (invalid !== undefined) {
      return this.#reject(
        new CredentialsProviderError(`${this.name}: the source returned ${invalid}`),
        reason,
      );
    }
    const expiresAt = value.expiration?.getTime();
    const previous = this.#entry;
    const unchanged = previous?.value.accessKeyId === value.accessKeyId && previous?.expiresAt === expiresAt;
    const advisoryMs =
      expiresAt === undefined ? 0 : (this.#advisoryWindowMs ?? selectAdvisoryWindowMs(expiresAt - now));
    const mandatoryMs = Math.min(this.#mandatoryWindowMs, advisoryMs);
    this.#entry = { value, expiresAt, advisoryMs, mandatoryMs };
    this.#backoffUntil = 0;
    this.#staleRetries = 0;
    this.#errorCache = undefined;
    this.#invalidated = false;
    this.#pausedUntil =
      unchanged && expiresAt !== undefined ? this.#pauseEnd(now, expiresAt, mandatoryMs) : 0;
    // A set that arrives already inside its advisory window (a window as long as the lifetime, a clock
    // running ahead) asks for the next fetch at once: each repeat doubles the floor below.
    this.#shortSets = expiresAt !== undefined && now >= expiresAt - advisoryMs ? this.#shortSets + 1 : 0;
    const source = (value as { source?: unknown }).source;
    publish.refreshSucceeded({
      cache: this.name,
      reason,
      source: typeof source === 'string' ? source : undefined,
      accessKeyId: maskAccessKeyId(value.accessKeyId),
      expiration: expiresAt,
      advisoryWindowMs: expiresAt === undefined ? undefined : advisoryMs,
      mandatoryWindowMs: expiresAt === undefined ? undefined : mandatoryMs,
      unchanged,
      at: now,
    });
    this.#log(
      'debug',
      `${this.name}: ${reason} refresh got ${maskAccessKeyId(value.accessKeyId)}${until(expiresAt, now)}`,
    );
    return { ok: true, value };
  }

  /**
   * When the source repeats the cached set, it is not asked again for 10-30 s, but never past halfway
   * to the next boundary (the mandatory window, or expiry once inside it): a short-lived set that the
   * source rotates late still gets a background refresh before any caller has to wait.
   */
  #pauseEnd(now: number, expiresAt: number, mandatoryMs: number): number {
    const mandatoryStart = expiresAt - mandatoryMs;
    const boundary = now < mandatoryStart ? mandatoryStart : expiresAt;
    return now + Math.min(unchangedPauseMs(this.#random), Math.max(0, (boundary - now) / 2));
  }

  #reject(error: Error, reason: RefreshReason): Outcome<T> {
    const now = this.#clock.now();
    const recoverable = !isNonRecoverable(error);
    const message = redactSecrets(error.message);
    const entry = this.#entry;
    if (!recoverable) this.#errorCache = { error, until: now + errorCacheMs(this.#random) };
    else if (entry !== undefined) this.#backoffUntil = now + refreshBackoffMs(this.#random);
    const servingCached = recoverable && entry !== undefined;
    publish.refreshFailed({
      cache: this.name,
      reason,
      error: { name: error.name, message, recoverable },
      servingCached,
      backoffUntil: servingCached ? this.#backoffUntil : undefined,
      at: now,
    });
    if (servingCached) {
      const seconds = Math.round((this.#backoffUntil - now) / 1000);
      this.#log(
        'warn',
        `${this.name}: ${reason} refresh failed (${message}); serving cached credentials ` +
          `${maskAccessKeyId(entry.value.accessKeyId)}${until(entry.expiresAt, now)}; next attempt in ${seconds} s`,
      );
    } else {
      this.#log('debug', `${this.name}: ${reason} refresh failed (${message})`);
    }
    return { ok: false, error };
  }

  #scheduleNext(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    const entry = this.#entry;
    if (!this.#prefetch || this.#closed || entry?.expiresAt === undefined) return;
    const now = this.#clock.now();
    let at: number;
    if (this.#backoffUntil > now) at = this.#retryDuringBackoff(entry.expiresAt, now);
    else if (this.#errorCache !== undefined) at = now + refreshBackoffMs(this.#random);
    else {
      const windowStart = entry.expiresAt - entry.advisoryMs;
      at = Math.max(windowStart - prefetchLeadMs(this.#random, entry.advisoryMs), this.#pausedUntil);
    }
    at = Math.max(at, this.#nextFetchFloor());
    this.#arm(at);
  }

  /**
   * The SEP keeps callers off a failing source for the whole backoff. While the cached set is still
   * valid that is the right call; once it expires before the backoff ends, the timer retries sooner
   * (see {@link staleRetryMs}) so a recovered source is used at once, and still no caller waits.
   */
  #retryDuringBackoff(expiresAt: number, now: number): number {
    if (expiresAt >= this.#backoffUntil) return this.#backoffUntil;
    const at = Math.max(now, expiresAt) + staleRetryMs(this.#random, this.#staleRetries);
    this.#staleRetries += 1;
    return Math.max(Math.min(at, this.#backoffUntil), this.#lastFetchAt + RETRY_FLOOR_MS);
  }

  /** The earliest start of the next fetch that no caller waits on: see {@link fetchFloorMs}. */
  #nextFetchFloor(): number {
    return this.#lastFetchAt + fetchFloorMs(this.#shortSets);
  }

  #arm(at: number): void {
    this.#timer = this.#scheduler.schedule(
      () => {
        this.#timer = undefined;
        if (this.#closed || this.#inflight !== undefined) return;
        // A timer may fire early (chained long delays, a clock that jumped back): wait the rest.
        if (this.#clock.now() < at) this.#arm(at);
        else void this.#refresh('prefetch');
      },
      Math.max(0, at - this.#clock.now()),
    );
  }

  #servedStale(entry: Entry<T>, reason: 'backoff' | 'refresh-failed'): void {
    const now = this.#clock.now();
    publish.staleServed({
      cache: this.name,
      accessKeyId: maskAccessKeyId(entry.value.accessKeyId),
      expiration: entry.expiresAt,
      expired: entry.expiresAt !== undefined && now >= entry.expiresAt,
      reason,
      at: now,
    });
  }

  #log(level: 'debug' | 'warn', message: string): void {
    try {
      this.#logger[level](`[keyless] ${message}`);
    } catch {
      // A throwing logger must not turn a background refresh into an unhandled rejection.
    }
  }
}

function describeInvalid(value: unknown, now: number): string | undefined {
  if (typeof value !== 'object' || value === null) return 'no credentials';
  const v = value as Partial<AwsCredentialIdentity>;
  if (typeof v.accessKeyId !== 'string' || v.accessKeyId === '')
    return 'credentials without an access key id';
  if (typeof v.secretAccessKey !== 'string' || v.secretAccessKey === '') {
    return 'credentials without a secret access key';
  }
  if (v.expiration === undefined) return undefined;
  if (!(v.expiration instanceof Date) || Number.isNaN(v.expiration.getTime())) {
    return 'credentials with an invalid expiration';
  }
  if (v.expiration.getTime() <= now) return `credentials that expired at ${v.expiration.toISOString()}`;
  return undefined;
}

function until(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined) return ' (no expiration)';
  const seconds = Math.round((expiresAt - now) / 1000);
  return seconds >= 0 ? ` (expires in ${seconds} s)` : ` (expired ${-seconds} s ago)`;
}
