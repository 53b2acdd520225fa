import type { AwsCredentialIdentity, Logger } from '@smithy/types';
import type { RoleSource, StaticKeysPolicy } from './CredentialSource.js';
import type { Scheduler } from './cache/Scheduler.js';

/** IMDS client settings of {@link FromInstanceRoleInit}. */
export interface ImdsInit {
  /** Base URL, e.g. `http://169.254.169.254`. Default: env, profile, then the address for the endpoint mode. */
  endpoint?: string;
  /** Timeout of one HTTP attempt. A whole fetch (token, role, credentials, retries) gets `timeoutMs * maxAttempts`. Default 1000. */
  timeoutMs?: number;
  /** Attempts per request on 429, 5xx and network errors. Default 3. */
  maxAttempts?: number;
  /** Allow IMDSv1 (no token) after a 403/404/405 on the token call. Default false. */
  allowV1?: boolean;
}

/** Options of `fromInstanceRole`. Every field is optional. */
export interface FromInstanceRoleInit {
  /** Role sources in the order they are tried. Default `['container', 'web-identity', 'imds']`. */
  sources?: RoleSource[];
  /** What to do when every role source failed and static keys exist. Default `'warn'`. */
  staticKeys?: StaticKeysPolicy;
  /** Static keys the app used to pass explicitly: tried after every role source, before env and profile. */
  staticCredentials?: AwsCredentialIdentity;
  /** SDK-style logger. Default: no-op. */
  logger?: Logger;
  /** Time source for expiry decisions. Default `Date`. */
  clock?: { now(): number };
  /** Fixed advisory window. Default: 5/15/60 min from the credential lifetime (SEP). */
  advisoryWindowMs?: number;
  /** Mandatory window. Default 60 000. */
  mandatoryWindowMs?: number;
  /** Refresh in the background before the advisory window. Default true. */
  prefetch?: boolean;
  /** IMDS client settings. */
  imds?: ImdsInit;
  /** Environment to read. Default `process.env`; tests pass a plain object. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shared config/credentials profile. Default `AWS_PROFILE`, then `default`. */
  profile?: string;
  /** Where background refreshes are scheduled. Default: unref'd `setTimeout`. For tests with a fake clock. */
  scheduler?: Scheduler;
  /** Uniform [0, 1) source for backoff and jitter. Default `Math.random`. For deterministic tests. */
  random?: () => number;
}
