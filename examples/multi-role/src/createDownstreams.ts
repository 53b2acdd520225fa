import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import {
  type AssumedRoleCache,
  type FromAssumedRoleInit,
  fromAssumedRole,
  type ShimProvider,
} from '@keyless/shims';

/** A downstream service the app writes to, in an account (or under a policy) of its own. */
export interface DownstreamSpec {
  /** The role the app must assume to write there, e.g. `arn:aws:iam::444455556666:role/invoice-writer`. */
  roleArn: string;
  /** The bucket it writes to. */
  bucket: string;
}

/** The clients of one downstream, all signing with that downstream's assumed-role credentials. */
export interface Downstream extends DownstreamSpec {
  credentials: ShimProvider;
  s3: S3Client;
  sts: STSClient;
}

/** Settings shared by every downstream. */
export interface DownstreamsInit {
  /** Names the sessions in the downstream accounts' CloudTrail. */
  roleSessionName: string;
  /** Credentials that sign AssumeRole; default `fromInstanceRole()`. */
  source?: FromAssumedRoleInit['source'];
  /** Region and endpoint of the STS client that assumes the roles, and of each downstream's STS client. */
  stsConfig?: Omit<STSClientConfig, 'credentials'>;
  /** Region and endpoint of each downstream's S3 client. */
  s3Config?: Omit<S3ClientConfig, 'credentials'>;
  /** Where role sessions are kept; default the process-wide cache of `@keyless/shims`. */
  cache?: AssumedRoleCache;
  /** Time source of the role sessions' expiry decisions; default `Date`. Tests move it instead of waiting. */
  clock?: { now(): number };
}

/**
 * One set of clients per downstream, each with `fromAssumedRole` credentials for that downstream's
 * role, chained on the instance role. Every role's session is kept and refreshed in the background
 * by `@keyless/shims`, so the app assumes each role once per session lifetime, however many clients
 * and requests use it.
 */
export function createDownstreams<K extends string>(
  specs: Readonly<Record<K, DownstreamSpec>>,
  init: DownstreamsInit,
): Record<K, Downstream> {
  const out = {} as Record<K, Downstream>;
  for (const name of Object.keys(specs) as K[]) {
    const spec = specs[name];
    const credentials = fromAssumedRole({
      roleArn: spec.roleArn,
      roleSessionName: init.roleSessionName,
      ...(init.source && { source: init.source }),
      ...(init.stsConfig && { clientConfig: init.stsConfig }),
      ...(init.cache && { cache: init.cache }),
      ...(init.clock && { clock: init.clock }),
    });
    out[name] = {
      ...spec,
      credentials,
      s3: new S3Client({ ...init.s3Config, credentials }),
      sts: new STSClient({ ...init.stsConfig, credentials }),
    };
  }
  return out;
}
