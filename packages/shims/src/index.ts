/**
 * @keyless/shims: one-line migration wrappers that put instance-role credentials from
 * `@keyless/credentials` into existing AWS SDK code. Not a credentials chain of its own.
 * @packageDocumentation
 */

/** Options of {@link AssumedRoleCache}. */
export type { AssumedRoleCacheInit } from './assumeRole/AssumedRoleCache.js';
/** The LRU of role sessions; the process-wide ones are used unless you pass your own. */
export { AssumedRoleCache, DEFAULT_MAX_ROLES } from './assumeRole/AssumedRoleCache.js';
/** Options of {@link fromAssumedRole}. */
export type { FromAssumedRoleInit } from './assumeRole/FromAssumedRoleInit.js';
/** AssumeRole chained on the instance role, one cached session per role in a size-bounded LRU. */
export { fromAssumedRole } from './assumeRole/fromAssumedRole.js';
/** Options and return type of {@link withInstanceRole}. */
export type { WithInstanceRoleConfig, WithInstanceRoleInit } from './config/withInstanceRole.js';
/** Wraps any v3 client config so its credentials come from the instance role first; see the README. */
export { withInstanceRole } from './config/withInstanceRole.js';
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
/** Seconds before expiry at which the v2 adapter asks its provider again by default (300). */
export { DEFAULT_V2_EXPIRY_WINDOW_S } from './v2/defineInstanceRoleCredentials.js';
/** Options of {@link InstanceRoleCredentials}. */
export type { InstanceRoleCredentialsInit } from './v2/InstanceRoleCredentials.js';
/** The legacy `aws-sdk` v2 adapter: an `AWS.Credentials` subclass backed by `fromInstanceRole()`. */
export { InstanceRoleCredentials } from './v2/InstanceRoleCredentials.js';
/** The `AWS.Credentials` contract and `AWS` module shape the adapter implements and accepts. */
export type { AwsSdkV2, V2Credentials } from './v2/V2Credentials.js';
/** The error the v2 adapter passes to `get`/`refresh` callbacks (v2's `AWSError` shape, provider error as `cause`). */
export { V2CredentialsError } from './v2/V2CredentialsError.js';
