import type { CredentialSource } from '../CredentialSource.js';
import { CredentialsProviderError } from './CredentialsProviderError.js';

/** One source the chain looked at, and what came of it. */
export interface Attempt {
  readonly source: CredentialSource;
  /** `skipped`: not configured on this host (no network call); `failed`: asked and failed; `denied`: found static keys the policy refused. */
  readonly outcome: 'skipped' | 'failed' | 'denied';
  /** Why, in words; never a secret. */
  readonly reason: string;
  /** Time spent on the source. */
  readonly elapsedMs: number;
  /** The typed error of a failed source (a `MalformedResponseError`, a `CredentialsProviderError`...). */
  readonly error?: Error;
}

/**
 * No credentials: every source was skipped or failed, or static keys were found and `staticKeys` is
 * `'deny'`. The message lists every attempt with its real cause, instead of the SDK's "Could not load
 * credentials from any providers"; `attempts` has the same list for code.
 */
export class CredentialsChainError extends CredentialsProviderError {
  override readonly name: string = 'CredentialsChainError';
  readonly attempts: readonly Attempt[];

  constructor(
    summary: string,
    attempts: readonly Attempt[],
    options: { recoverable: boolean; advice: string },
  ) {
    super(`${summary}\n${formatAttempts(attempts)}\n${options.advice}`, {
      recoverable: options.recoverable,
      tryNextLink: false,
    });
    this.attempts = attempts;
  }
}

/** One line per attempt: `  - imds: failed after 12 ms: <reason>`. */
function formatAttempts(attempts: readonly Attempt[]): string {
  return attempts
    .map((a) => {
      const took = a.outcome === 'failed' ? ` after ${Math.round(a.elapsedMs)} ms` : '';
      return `  - ${a.source}: ${a.outcome}${took}: ${a.reason}`;
    })
    .join('\n');
}
