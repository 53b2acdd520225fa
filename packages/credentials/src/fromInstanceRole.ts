import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { ResolvedCredentials } from './CredentialSource.js';
import { RefreshCache } from './cache/RefreshCache.js';
import { acquireCache, cacheKey, forget, releaseWhenCollected } from './cache/sharedCaches.js';
import { CredentialChain } from './chain/CredentialChain.js';
import { resolveConfig } from './config/resolveConfig.js';
import type { FromInstanceRoleInit } from './FromInstanceRoleInit.js';
import { httpRequest } from './io/httpRequest.js';
import { readFile } from './io/readFile.js';
import { sleep } from './io/sleep.js';
import { noopLogger } from './noopLogger.js';
import type { Seams } from './sources/SourceDriver.js';

/** The provider `fromInstanceRole` returns: an SDK credentials provider with two extra methods. */
export interface InstanceRoleProvider extends AwsCredentialIdentityProvider {
  (options?: { forceRefresh?: boolean; callerClientConfig?: unknown }): Promise<ResolvedCredentials>;
  /** A service rejected these credentials: the next call goes through a mandatory refresh. */
  invalidate(accessKeyId?: string): void;
  /** Stops timers; later calls still work but nothing refreshes in the background. */
  close(): void;
  /** Tells the SDK this provider caches on its own, so it does not wrap it in its blocking memoizer. */
  readonly memoized: true;
}

const defaultSeams: Seams = { request: httpRequest, readFile, sleep };
const systemClock = { now: () => Date.now() };

/**
 * Role-first AWS credentials for any AWS SDK v3 client: container endpoint, web identity, then IMDS;
 * static keys (explicit, env, profile) only after every role source failed, under the `staticKeys`
 * policy. Every provider with the same configuration shares one refresh cache in the process.
 *
 * @example
 * const s3 = new S3Client({ credentials: fromInstanceRole() });
 */
export function fromInstanceRole(init: FromInstanceRoleInit = {}): InstanceRoleProvider {
  return createInstanceRoleProvider(init, defaultSeams);
}

/** `fromInstanceRole` with its I/O seams given: tests replace the HTTP or file seam. */
export function createInstanceRoleProvider(init: FromInstanceRoleInit, seams: Seams): InstanceRoleProvider {
  const config = resolveConfig(init);
  const clock = init.clock ?? systemClock;
  const random = init.random ?? Math.random;
  const key = cacheKey(config, [init.clock, init.scheduler, init.random, seams]);
  const name = `instance-role:${shortHash(key)}`;
  const lease = acquireCache(
    key,
    (logger) => {
      const chain = new CredentialChain({ config, logger, clock, random, seams, name });
      return new RefreshCache<ResolvedCredentials>({
        name,
        fetch: ({ retrying }) => chain.resolve({ singleAttempt: retrying }),
        clock,
        logger,
        random,
        prefetch: config.prefetch,
        ...(init.scheduler === undefined ? {} : { scheduler: init.scheduler }),
        ...(config.advisoryWindowMs === undefined ? {} : { advisoryWindowMs: config.advisoryWindowMs }),
        ...(config.mandatoryWindowMs === undefined ? {} : { mandatoryWindowMs: config.mandatoryWindowMs }),
      });
    },
    init.logger ?? noopLogger,
  );
  const provider: InstanceRoleProvider = Object.assign(
    (options?: { forceRefresh?: boolean }) =>
      lease.cache.get(options?.forceRefresh === true ? { forceRefresh: true } : undefined),
    {
      invalidate: (accessKeyId?: string) => lease.cache.invalidate(accessKeyId),
      close: () => {
        forget(lease);
        lease.release();
      },
      memoized: true as const,
    },
  );
  releaseWhenCollected(provider, lease);
  return provider;
}

function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
