import { LRUCache } from 'lru-cache';
import type { ProviderCallOptions, ShimCredentials } from '../provider/toShimProvider.js';

/** Default bound on role sessions held at once by the process-wide cache. */
export const DEFAULT_MAX_ROLES = 100;

/** One assumed-role session: its own refresh cache and STS client. */
export interface RoleSession {
  get(options?: ProviderCallOptions): Promise<ShimCredentials>;
  invalidate(accessKeyId?: string): void;
  /** Stops its refresh timer and releases its STS client. */
  close(): void;
}

/** Options of {@link AssumedRoleCache}. */
export interface AssumedRoleCacheInit {
  /** Most role sessions held at once; the least recently used is closed to make room. Default 100. */
  maxRoles?: number;
}

/**
 * The role sessions of `fromAssumedRole`, one per role ARN + session name + external id, bounded by
 * size in an `lru-cache`. Every `fromAssumedRole` provider for the same role shares its session, so
 * a role is never assumed twice at once, and an app with a role per tenant holds at most `maxRoles`
 * sessions (and timers). Pass one to `fromAssumedRole({ cache })` to keep a set of roles apart from
 * the process-wide cache, e.g. in tests.
 */
export class AssumedRoleCache {
  readonly maxRoles: number;
  readonly #sessions: LRUCache<string, RoleSession>;

  constructor(init: AssumedRoleCacheInit = {}) {
    const maxRoles = init.maxRoles ?? DEFAULT_MAX_ROLES;
    if (!Number.isSafeInteger(maxRoles) || maxRoles < 1) {
      throw new TypeError(`AssumedRoleCache: maxRoles must be a positive integer; got ${String(maxRoles)}`);
    }
    this.maxRoles = maxRoles;
    this.#sessions = new LRUCache<string, RoleSession>({
      max: maxRoles,
      dispose: (session) => session.close(),
    });
  }

  /** Role sessions held now. */
  get size(): number {
    return this.#sessions.size;
  }

  /** The session for `key`, opened with `open` when absent; marks it most recently used. */
  sessionFor(key: string, open: () => RoleSession): RoleSession {
    const existing = this.#sessions.get(key);
    if (existing !== undefined) return existing;
    const session = open();
    this.#sessions.set(key, session);
    return session;
  }

  /** The session for `key` if held, without opening one or touching its recency. */
  peek(key: string): RoleSession | undefined {
    return this.#sessions.peek(key);
  }

  /** Closes and forgets one session; the next call for that role assumes it again. */
  delete(key: string): void {
    this.#sessions.delete(key);
  }

  /** Closes and forgets every session. */
  clear(): void {
    this.#sessions.clear();
  }
}

const shared = new Map<number, AssumedRoleCache>();

/** The process-wide cache holding at most `maxRoles` sessions (one per distinct bound). */
export function sharedAssumedRoleCache(maxRoles: number = DEFAULT_MAX_ROLES): AssumedRoleCache {
  let cache = shared.get(maxRoles);
  if (cache === undefined) {
    cache = new AssumedRoleCache({ maxRoles });
    shared.set(maxRoles, cache);
  }
  return cache;
}
