import type { CredentialSource } from '../CredentialSource.js';

/** Options of {@link CredentialsProviderError}. */
export interface CredentialsProviderErrorOptions {
  /** The underlying error (ES2022 `cause`). Never a value that holds credentials. */
  cause?: unknown;
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
 * The one base error of `@keyless/credentials`. Messages say what failed, where, and what to do next;
 * they never contain a secret access key or session token, and access key ids in them are masked.
 */
export class CredentialsProviderError extends Error {
  override readonly name: string = 'CredentialsProviderError';
  readonly tryNextLink: boolean;
  readonly recoverable: boolean;
  readonly source: CredentialSource | undefined;

  constructor(message: string, options: CredentialsProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.tryNextLink = options.tryNextLink ?? true;
    this.recoverable = options.recoverable ?? true;
    this.source = options.source;
  }
}

/** True when `e` is a {@link CredentialsProviderError} marked non-recoverable. */
export function isNonRecoverable(e: unknown): boolean {
  return e instanceof CredentialsProviderError && !e.recoverable;
}
