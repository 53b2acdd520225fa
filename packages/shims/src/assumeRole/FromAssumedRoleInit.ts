import type { STSClientConfig } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider, Logger } from '@smithy/types';
import type { AssumedRoleCache } from './AssumedRoleCache.js';

/** Options of `fromAssumedRole`. */
export interface FromAssumedRoleInit {
  /** The role to assume, `arn:aws:iam::123456789012:role/name` (any partition, paths allowed). */
  roleArn: string;
  /** Names the session in CloudTrail: 2-64 of `A-Za-z0-9_+=,.@-`. */
  roleSessionName: string;
  /** The external id the role's trust policy requires, if any: 2-1224 of `A-Za-z0-9_+=,.@:/-`. */
  externalId?: string;
  /** Session lifetime, 900-43200 s; default: STS's own (3600 s). */
  durationSeconds?: number;
  /**
   * Credentials that sign the AssumeRole call. Default: `fromInstanceRole()` from
   * `@keyless/credentials`, so the role is chained on the instance role.
   */
  source?: AwsCredentialIdentityProvider;
  /** Settings of the STS client that calls AssumeRole (`region`, `endpoint`...); not `credentials`, see `source`. */
  clientConfig?: Omit<STSClientConfig, 'credentials'>;
  /** Bound of the process-wide session cache this role goes in; default 100. With `cache`, must equal its bound. */
  maxRoles?: number;
  /** A session cache of your own instead of the process-wide one. */
  cache?: AssumedRoleCache;
  /** For log lines of the session's refresh cache and the default source; default: none. */
  logger?: Logger;
  /** Time source of the session's refresh cache; default `Date.now`. */
  clock?: { now(): number };
  /** Start of background refresh before expiry; default from the session lifetime (5/15/60 min). */
  advisoryWindowMs?: number;
  /** Callers wait for a refresh this close to expiry; default 60 000. */
  mandatoryWindowMs?: number;
  /** Refresh on a timer at the start of the advisory window; default true. */
  prefetch?: boolean;
}
