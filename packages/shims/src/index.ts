/**
 * @keyless/shims: one-line migration wrappers that put instance-role credentials from
 * `@keyless/credentials` into existing AWS SDK code. Not a credentials chain of its own.
 * @packageDocumentation
 */

/** Options of {@link AssumedRoleCache}. */
export type { AssumedRoleCacheInit } from './assumeRole/AssumedRoleCache.js';
/** The LRU of role sessions; the process-wide ones are used unless you pass your own. */
export { AssumedRoleCache, DEFAULT_MAX_ROLES } from './assumeRole/AssumedRoleCache.js';
/** Options of `fromAssumedRole`. */
export type { FromAssumedRoleInit } from './assumeRole/FromAssumedRoleInit.js';
/** The provider type every shim returns, its credentials, and their sources. */
export type {
  ProviderCallOptions,
  ShimCredentialSource,
  ShimCredentials,
  ShimProvider,
} from './provider/toShimProvider.js';
/** Options of the recovery middleware. */
export type { ExpiredTokenRecoveryOptions } from './recovery/expiredTokenRecoveryMiddleware.js';
/** The recovery middleware itself, its stack options, and a plugin for `middlewareStack.use()`. */
export {
  expiredTokenRecoveryMiddleware,
  expiredTokenRecoveryMiddlewareOptions,
  getExpiredTokenRecoveryPlugin,
} from './recovery/expiredTokenRecoveryMiddleware.js';
/** The error codes that trigger recovery, and a guard for them. */
export { EXPIRED_TOKEN_CODES, isExpiredTokenError } from './recovery/isExpiredTokenError.js';
/** Anything with a v3 middleware stack. */
export type { WithMiddlewareStack } from './recovery/withExpiredTokenRecovery.js';
/** Installs the ExpiredToken recovery middleware on a v3 client or command and returns it. */
export { withExpiredTokenRecovery } from './recovery/withExpiredTokenRecovery.js';
/** The `AWS.Credentials` contract and `AWS` module shape the adapter implements and accepts. */
export type { AwsSdkV2, V2Credentials } from './v2/V2Credentials.js';
