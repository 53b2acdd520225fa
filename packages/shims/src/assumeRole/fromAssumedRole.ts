import { type ShimProvider, toShimProvider } from '../provider/toShimProvider.js';
import { sharedAssumedRoleCache } from './AssumedRoleCache.js';
import type { FromAssumedRoleInit } from './FromAssumedRoleInit.js';
import { openRoleSession } from './openRoleSession.js';
import { validateAssumedRoleInit } from './validateAssumedRoleInit.js';

/**
 * Credentials of an IAM role assumed with STS AssumeRole, signed by the instance role (or `source`).
 * Sessions live in a size-bounded LRU keyed by role ARN + session name + external id and shared by
 * every provider for that role: concurrent callers share one AssumeRole call, refreshes run in the
 * background before expiry, and at most `maxRoles` sessions are held; the least recently used is
 * closed when another role needs the room. The first provider to open a session sets its source,
 * STS client settings and windows for as long as the session is held.
 *
 * @example fromAssumedRole({ roleArn: `arn:aws:iam::${account}:role/tenant-${id}`, roleSessionName: 'api' })
 * @throws TypeError at construction for malformed options.
 */
export function fromAssumedRole(init: FromAssumedRoleInit): ShimProvider {
  validateAssumedRoleInit(init);
  const settings: FromAssumedRoleInit = {
    ...init,
    ...(init.clientConfig && { clientConfig: { ...init.clientConfig } }),
  };
  const cache = init.cache ?? sharedAssumedRoleCache(init.maxRoles);
  const key = JSON.stringify([init.roleArn, init.roleSessionName, init.externalId ?? null]);
  return toShimProvider((options) => cache.sessionFor(key, () => openRoleSession(settings)).get(options), {
    invalidate: (accessKeyId) => cache.peek(key)?.invalidate(accessKeyId),
    close: () => cache.delete(key),
  });
}
