import { createHash } from 'node:crypto';
import type { ResolvedCredentials } from '../CredentialSource.js';
import type { ResolvedConfig } from '../config/resolveConfig.js';
import type { RefreshCache } from './RefreshCache.js';

interface SharedEntry {
  readonly cache: RefreshCache<ResolvedCredentials>;
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

const objectIds = new WeakMap<object, number>();
let nextObjectId = 1;

/**
 * The key of a resolved configuration. Injected objects (logger, clock, scheduler, seams) count by
 * identity; static secrets by a SHA-256 fingerprint, so the key never holds one.
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
    injected: injected.map(idOf),
  });
}

/** The shared cache for `key`, created by `create` on first use. */
export function acquireCache(key: string, create: () => RefreshCache<ResolvedCredentials>): CacheLease {
  let entry = caches.get(key);
  if (entry === undefined) {
    entry = { cache: create(), refs: 0 };
    caches.set(key, entry);
  }
  entry.refs++;
  return leaseOf(key, entry);
}

// Its own function, so the lease's closure holds neither `create` nor what that closure holds (the
// provider itself, which would then never be collected).
function leaseOf(key: string, held: SharedEntry): CacheLease {
  let released = false;
  return {
    cache: held.cache,
    key,
    release() {
      if (released) return;
      released = true;
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

function idOf(o: object | undefined): number | undefined {
  if (o === undefined) return undefined;
  let id = objectIds.get(o);
  if (id === undefined) {
    id = nextObjectId++;
    objectIds.set(o, id);
  }
  return id;
}
