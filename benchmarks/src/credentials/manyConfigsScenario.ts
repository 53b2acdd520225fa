import { fromInstanceRole } from '@keyless/credentials';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { directProvider, type SubjectName } from './subjects.js';

/** Inputs of the many-configurations scenario. */
export interface ManyConfigsArgs {
  subject: SubjectName;
  configs: number;
}

/** How the burst went. */
export interface ManyConfigs {
  /** From the first call to the last answer, ms. */
  elapsedMs: number;
  failures: number;
}

// keyless: every provider a configuration of its own (an advisory window 1 ms apart), as a process
// with thousands of tenants, each with its own logger or settings, builds them. The SDK providers
// share nothing between instances anyway.
function provider(subject: SubjectName, i: number): AwsCredentialIdentityProvider {
  switch (subject) {
    case 'sdk-imds':
      return fromInstanceMetadata();
    case 'sdk-chain':
      return directProvider('sdk-chain');
    case 'keyless':
      return fromInstanceRole({ advisoryWindowMs: 300_000 + i });
  }
}

/**
 * Figure 8 (in a fresh process): `configs` providers of distinct configurations, each called once, all
 * at the same moment.
 */
export async function manyConfigsScenario(args: ManyConfigsArgs): Promise<ManyConfigs> {
  const providers = Array.from({ length: args.configs }, (_, i) => provider(args.subject, i));
  let failures = 0;
  const begun = performance.now();
  await Promise.all(
    providers.map((provide) =>
      provide().then(
        () => undefined,
        () => {
          failures++;
        },
      ),
    ),
  );
  return { elapsedMs: performance.now() - begun, failures };
}
