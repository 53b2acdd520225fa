import type { Logger } from '@smithy/types';
import type { CredentialSource } from '../CredentialSource.js';
import type { Attempt } from '../errors/CredentialsChainError.js';

/**
 * The one warning per change to a static source: which source, which key (masked), and why each role
 * source did not work. A message line for humans, then the same facts as an object for log pipelines.
 */
export function warnStaticFallback(
  logger: Logger,
  source: CredentialSource,
  maskedKeyId: string,
  roleAttempts: readonly Attempt[],
): void {
  const reasons = roleAttempts.map((a) => `${a.source} ${a.outcome} (${a.reason})`).join('; ');
  logger.warn(
    `[keyless] using long-lived AWS keys from ${source} (${maskedKeyId}) because no role source worked: ${reasons}. ` +
      "Attach an IAM role to this workload, or set staticKeys: 'deny' to refuse long-lived keys.",
    {
      event: 'keyless.static-fallback',
      source,
      accessKeyId: maskedKeyId,
      roleSources: roleAttempts.map((a) => ({ source: a.source, outcome: a.outcome, reason: a.reason })),
    },
  );
}
