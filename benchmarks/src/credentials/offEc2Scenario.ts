import { clientProvider } from './subjects.js';

/** Inputs of the off-EC2 scenario. */
export interface OffEc2Args {
  subject: 'keyless' | 'sdk-chain';
}

/** What the first call of a fresh process got, and when. */
export interface OffEc2 {
  elapsedMs: number;
  outcome: 'credentials' | 'error';
  /** The access key id came from `AWS_ACCESS_KEY_ID` (static keys), not from IMDS. */
  staticKeys: boolean;
}

/**
 * Figure 4 (in a fresh process): the first call of a client on a host where IMDS does not answer.
 * The environment decides the rest (blackholed endpoint, static keys or none).
 */
export async function offEc2Scenario(args: OffEc2Args): Promise<OffEc2> {
  const provide = clientProvider(args.subject);
  const begun = performance.now();
  try {
    const credentials = await provide();
    return {
      elapsedMs: performance.now() - begun,
      outcome: 'credentials',
      staticKeys: credentials.accessKeyId === process.env.AWS_ACCESS_KEY_ID,
    };
  } catch {
    return { elapsedMs: performance.now() - begun, outcome: 'error', staticKeys: false };
  }
}
