import { createHash } from 'node:crypto';
import type { Logger } from '@smithy/types';
import type { ResolvedCredentials } from '../CredentialSource.js';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import { LoggerFanOut } from './LoggerFanOut.js';
import { objectId } from './objectId.js';
import type { RefreshCache } from './RefreshCache.js';

interface SharedEntry {
  readonly cache: RefreshCache<ResolvedCredentials>;
  readonly loggers: LoggerFanOut;
  refs: number;
}

/** A provider's hold on a shared cache. */
export interface CacheLease {
  readonly cache: RefreshCache<ResolvedCredentials>;
  readonly key: string;
  /** Drops the hold; the last one out stops the cache's timer and forgets it. */
  release(): void;
}

// Every provider created with the same resolved configuration shares one cache, so ten SDK clients
// cost one fetch. An entry lives exactly as long as a provider holds it: the last release (close(),
// or the provider being garbage-collected) stops its timer and removes it. Nothing held is ever
// evicted, so a second provider of a configuration always shares the first one's cache.
const caches = new Map<string, SharedEntry>();

// A provider dropped without close() must not keep refreshing (and holding its cache) forever.
const dropped = new FinalizationRegistry<CacheLease>((lease) => lease.release());

/** Releases `lease` once `owner` is garbage-collected, unless `forget(lease)` was called first. */
export function releaseWhenCollected(owner: object, lease: CacheLease): void {
  dropped.register(owner, lease, lease);
}

/** The lease was released by its owner: the registry lets go of it. */
export function forget(lease: CacheLease): void {
  dropped.unregister(lease);
}

/**
 * The key of a resolved configuration. Injected objects that change behaviour (clock, scheduler,
 * randomness, seams) count by identity; loggers are not part of it (see `acquireCache`); static
 * secrets count by a SHA-256 fingerprint, so the key never holds one.
 */
export function cacheKey(config: ResolvedConfig, injected: readonly (object | undefined)[]): string {
  const { staticCredentials, envKeys, ...rest } = config;
  return JSON.stringify({
    ...rest,
    staticCredentials:
      staticCredentials &&
      fingerprint(
        staticCredentials.accessKeyId,
        staticCredentials.secretAccessKey,
        staticCredentials.sessionToken,
      ),
    envKeys: fingerprint(
      envKeys.accessKeyId,
      envKeys.secretAccessKey,
      envKeys.sessionToken,
      envKeys.expiration,
    ),
    injected: injected.map((o) => (o === undefined ? undefined : objectId(o))),
  });
}

/**
 * The shared cache for `key`, created by `create` on first use with a logger that reaches every
 * holder's `logger` for as long as it holds the cache.
 */
export function acquireCache(
  key: string,
  create: (logger: Logger) => RefreshCache<ResolvedCredentials>,
  logger: Logger,
): CacheLease {
  let entry = caches.get(key);
  if (entry === undefined) {
    const loggers = new LoggerFanOut();
    entry = { cache: create(loggers), loggers, refs: 0 };
    caches.set(key, entry);
  }
  entry.refs++;
  entry.loggers.add(logger);
  return leaseOf(key, entry, logger);
}

// Its own function, so the lease's closure holds neither `create` nor what that closure holds (the
// provider itself, which would then never be collected).
function leaseOf(key: string, held: SharedEntry, logger: Logger): CacheLease {
  let released = false;
  return {
    cache: held.cache,
    key,
    release() {
      if (released) return;
      released = true;
      held.loggers.remove(logger);
      held.refs--;
      if (held.refs > 0) return;
      held.cache.close();
      if (caches.get(key) === held) caches.delete(key);
    },
  };
}

function fingerprint(...parts: (string | undefined)[]): string {
  return createHash('sha256')
    .update(parts.map((p) => p ?? '').join('\0'))
    .digest('hex')
    .slice(0, 16);
}
