import { redactError, redactSecrets } from '@keyless/redact';
import type { CredentialSource } from '../CredentialSource.js';

/** Options of {@link CredentialsProviderError}. */
export interface CredentialsProviderErrorOptions {
  /**
   * The underlying error (ES2022 `cause`). Kept as a redacted copy (`RedactedError` from
   * `@keyless/redact`) unless it is a keyless error already, so no cause ever carries a secret.
   */
  cause?: unknown;
  /**
   * The exact secret values the failing source read or sent (an authorization token, a web identity
   * token, the secrets of the reply): removed verbatim from the message and the cause.
   */
  secrets?: readonly (string | undefined)[];
  /** May a chain try the next source after this error? Default true. */
  tryNextLink?: boolean;
  /**
   * Is the failure worth retrying later (network, throttling, 5xx, malformed reply)? A non-recoverable
   * error (bad configuration, a rejected token, a denied fallback) is raised at once by the refresh
   * cache and cached for a few seconds instead of putting the cache into its 300-600 s backoff.
   * Default true.
   */
  recoverable?: boolean;
  /** The credential source that failed, when there is one. */
  source?: CredentialSource;
}

/**
 * The one base error of `@keyless/credentials`. Messages say what failed, where, and what to do next.
 * Every message and cause goes through `@keyless/redact` here, whatever built it: no secret access
 * key, session token, JWT or URL credential survives, and access key ids are masked.
 */
export class CredentialsProviderError extends Error {
  override readonly name: string = 'CredentialsProviderError';
  readonly tryNextLink: boolean;
  readonly recoverable: boolean;
  readonly source: CredentialSource | undefined;

  constructor(message: string, options: CredentialsProviderErrorOptions = {}) {
    const redact = { known: options.secrets ?? [] };
    const { cause } = options;
    super(
      redactSecrets(message, redact),
      cause === undefined
        ? undefined
        : { cause: cause instanceof CredentialsProviderError ? cause : redactError(cause, redact) },
    );
    this.tryNextLink = options.tryNextLink ?? true;
    this.recoverable = options.recoverable ?? true;
    this.source = options.source;
  }
}

/** True when `e` is a {@link CredentialsProviderError} marked non-recoverable. */
export function isNonRecoverable(e: unknown): boolean {
  return e instanceof CredentialsProviderError && !e.recoverable;
}
