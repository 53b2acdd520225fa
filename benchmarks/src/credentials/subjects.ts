import { STSClient } from '@aws-sdk/client-sts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { fromInstanceRole } from '@keyless/credentials';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/** The credential providers under test: two SDK baselines and keyless. */
export type SubjectName = 'sdk-imds' | 'sdk-chain' | 'keyless';

/** Baselines first, keyless last: the order of every table and chart. */
export const SUBJECT_NAMES: readonly SubjectName[] = ['sdk-imds', 'sdk-chain', 'keyless'];

/** How each subject is labelled in tables and charts. */
export const SUBJECT_LABELS: Readonly<Record<SubjectName, string>> = {
  'sdk-imds': 'SDK fromInstanceMetadata (client-wrapped)',
  'sdk-chain': 'SDK default chain (fromNodeProviderChain)',
  keyless: 'keyless fromInstanceRole',
};

/** keyless settings a scenario may shorten; the SDK's windows are fixed at 5 minutes. */
export interface KeylessTuning {
  advisoryWindowMs?: number;
  mandatoryWindowMs?: number;
  /** Added to the wall clock keyless reads, to match an emulator whose clock runs ahead. */
  clockOffsetMs?: number;
  /** keyless's background refresh (default on); off, only callers start refreshes. */
  prefetch?: boolean;
}

/**
 * The provider an SDK client calls when it signs a request, built the way applications build it: the
 * SDK's IMDS provider passed as `credentials` (the client wraps it in `memoizeIdentityProvider`, a
 * blocking 5-minute-window cache), no `credentials` at all (the client's default chain, whose
 * `memoizeChain` refreshes in the background after a caller enters the window), or keyless passed as
 * `credentials` (flagged `memoized`, so the client calls it directly). Every subject reads the IMDS
 * endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT`.
 */
export function clientProvider(
  subject: SubjectName,
  tuning: KeylessTuning = {},
): AwsCredentialIdentityProvider {
  const region = 'us-east-1';
  switch (subject) {
    case 'sdk-imds':
      return new STSClient({ region, credentials: fromInstanceMetadata() }).config.credentials;
    case 'sdk-chain':
      return new STSClient({ region }).config.credentials;
    case 'keyless':
      return new STSClient({ region, credentials: keylessProvider(tuning) }).config.credentials;
  }
}

/** The provider itself, without a client around it: what `fromNodeProviderChain()` or keyless return. */
export function directProvider(subject: 'sdk-chain' | 'keyless'): AwsCredentialIdentityProvider {
  return subject === 'sdk-chain' ? defaultProvider() : keylessProvider({});
}

function keylessProvider(tuning: KeylessTuning): AwsCredentialIdentityProvider {
  const offset = tuning.clockOffsetMs ?? 0;
  return fromInstanceRole({
    ...(offset === 0 ? {} : { clock: { now: () => Date.now() + offset } }),
    ...(tuning.advisoryWindowMs === undefined ? {} : { advisoryWindowMs: tuning.advisoryWindowMs }),
    ...(tuning.mandatoryWindowMs === undefined ? {} : { mandatoryWindowMs: tuning.mandatoryWindowMs }),
    ...(tuning.prefetch === undefined ? {} : { prefetch: tuning.prefetch }),
  });
}
