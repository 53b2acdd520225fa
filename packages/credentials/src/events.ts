import { channel } from 'node:diagnostics_channel';
import type { CredentialSource } from './CredentialSource.js';

/**
 * Names of the `node:diagnostics_channel` channels keyless publishes on. Subscribe with
 * `diagnostics_channel.subscribe(CHANNELS.refreshFailed, (message) => ...)`. No message carries a
 * secret access key or session token; access key ids are masked (`AKIA…WXYZ`). Times are
 * milliseconds from the injected clock.
 */
export const CHANNELS = {
  /** {@link RefreshStartedEvent}: a refresh of a cache began. */
  refreshStarted: 'keyless:credentials:refresh-started',
  /** {@link RefreshSucceededEvent}: a refresh produced new credentials. */
  refreshSucceeded: 'keyless:credentials:refresh-succeeded',
  /** {@link RefreshFailedEvent}: a refresh failed; says whether cached credentials are kept. */
  refreshFailed: 'keyless:credentials:refresh-failed',
  /** {@link FallbackEvent}: the provider is using static keys because every role source failed. */
  fallback: 'keyless:credentials:fallback',
  /** {@link StaleServedEvent}: a caller got cached credentials inside their refresh window or past expiry. */
  staleServed: 'keyless:credentials:stale-served',
  /** {@link InvalidatedEvent}: `invalidate()` was called. */
  invalidated: 'keyless:credentials:invalidated',
} as const;

/** Why a refresh ran. */
export type RefreshReason = 'initial' | 'advisory' | 'mandatory' | 'expired' | 'invalidated' | 'prefetch';

export interface RefreshStartedEvent {
  cache: string;
  reason: RefreshReason;
  at: number;
}

export interface RefreshSucceededEvent {
  cache: string;
  reason: RefreshReason;
  /** The credential source (`imds`, `container`...) when the cached value says. */
  source: string | undefined;
  accessKeyId: string;
  expiration: number | undefined;
  advisoryWindowMs: number | undefined;
  mandatoryWindowMs: number | undefined;
  /** True when the source answered with the credentials already cached. */
  unchanged: boolean;
  at: number;
}

export interface RefreshFailedEvent {
  cache: string;
  reason: RefreshReason;
  error: { name: string; message: string; recoverable: boolean };
  /** Cached credentials keep being served (recoverable failure with something cached). */
  servingCached: boolean;
  /** No refresh is attempted before this time (recoverable failures with something cached). */
  backoffUntil: number | undefined;
  at: number;
}

export interface FallbackEvent {
  cache: string;
  source: CredentialSource;
  accessKeyId: string;
  attempts: ReadonlyArray<{ source: CredentialSource; outcome: string; reason: string }>;
  at: number;
}

export interface StaleServedEvent {
  cache: string;
  accessKeyId: string;
  expiration: number | undefined;
  expired: boolean;
  /** `backoff`: a refresh failed recently, so the source is not asked; `refresh-failed`: it was, and failed. */
  reason: 'backoff' | 'refresh-failed';
  at: number;
}

export interface InvalidatedEvent {
  cache: string;
  accessKeyId: string | undefined;
  /** False when the rejected key is not the cached one (a refresh already replaced it). */
  matched: boolean;
  at: number;
}

const refreshStarted = channel(CHANNELS.refreshStarted);
const refreshSucceeded = channel(CHANNELS.refreshSucceeded);
const refreshFailed = channel(CHANNELS.refreshFailed);
const fallback = channel(CHANNELS.fallback);
const staleServed = channel(CHANNELS.staleServed);
const invalidated = channel(CHANNELS.invalidated);

/** Publishers used inside the package; each is a no-op without subscribers. */
export const publish = {
  refreshStarted: (e: RefreshStartedEvent): void => send(refreshStarted, e),
  refreshSucceeded: (e: RefreshSucceededEvent): void => send(refreshSucceeded, e),
  refreshFailed: (e: RefreshFailedEvent): void => send(refreshFailed, e),
  fallback: (e: FallbackEvent): void => send(fallback, e),
  staleServed: (e: StaleServedEvent): void => send(staleServed, e),
  invalidated: (e: InvalidatedEvent): void => send(invalidated, e),
};

function send(ch: ReturnType<typeof channel>, message: object): void {
  if (ch.hasSubscribers) ch.publish(message);
}
