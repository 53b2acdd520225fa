/**
 * `@keyless/credentials`: role-first AWS credentials for the AWS SDK for JavaScript v3.
 *
 * @packageDocumentation
 */

/** Masks an access key id as `AKIA…WXYZ`. */
export { maskAccessKeyId } from '@keyless/redact';
/** Source, policy and resolved-credentials types. */
export type {
  CredentialKind,
  CredentialSource,
  ResolvedCredentials,
  RoleSource,
  StaticKeysPolicy,
} from './CredentialSource.js';
/** The refresh cache (SEP semantics, single flight, background prefetch), reusable for any expiring source. */
export { RefreshCache, type RefreshCacheInit } from './cache/RefreshCache.js';
/** The SEP window and backoff numbers. */
export { DEFAULT_MANDATORY_WINDOW_MS, selectAdvisoryWindowMs } from './cache/refreshTiming.js';
/** Where the refresh cache schedules background refreshes; inject one in tests. */
export { defaultScheduler, type ScheduledTask, type Scheduler } from './cache/Scheduler.js';
/** The report of `diagnose`, its options and the default time bound. */
export {
  DEFAULT_DIAGNOSE_TIMEOUT_MS,
  type DiagnoseInit,
  type DoctorProbe,
  type DoctorProbeId,
  type DoctorReport,
  type DoctorSetting,
  type DoctorSourceResult,
  type DoctorVerdict,
  type ProbeOutcome,
  type SettingOrigin,
  type StaticKeyCheck,
} from './doctor/DoctorReport.js';
/** `keyless doctor` as a function: which source `fromInstanceRole` would use here, why, and each probe. */
export { diagnose } from './doctor/diagnose.js';
/** No credentials, or static keys refused: lists every source tried and why it failed. */
export { type Attempt, CredentialsChainError } from './errors/CredentialsChainError.js';
/** The base error: `tryNextLink`, `recoverable`, `source`, ES2022 `cause`. */
export {
  CredentialsProviderError,
  type CredentialsProviderErrorOptions,
  isNonRecoverable,
} from './errors/CredentialsProviderError.js';
/** A 200 reply that is not usable credentials (bad JSON, missing field, bad Expiration, Code not Success). */
export { type MalformedProblem, MalformedResponseError } from './errors/MalformedResponseError.js';
/** `node:diagnostics_channel` channel names and message types. */
export {
  CHANNELS,
  type FallbackEvent,
  type InvalidatedEvent,
  type RefreshFailedEvent,
  type RefreshReason,
  type RefreshStartedEvent,
  type RefreshSucceededEvent,
  type StaleServedEvent,
} from './events.js';
/** Options of `fromInstanceRole`. */
export type { FromInstanceRoleInit, ImdsInit } from './FromInstanceRoleInit.js';
/** Role-first credentials provider for any AWS SDK v3 client. */
export { fromInstanceRole, type InstanceRoleProvider } from './fromInstanceRole.js';
/** The runtime `keyless doctor` detected. */
export type { DetectedRuntime, RuntimeName } from './platform/detectRuntime.js';
