import { toError } from '../toError.js';

/**
 * The error the v2 adapter hands to `get`/`refresh` callbacks: v2's `AWSError` shape (`code`, `time`)
 * with the provider's error as `cause`. A fresh object each time, because aws-sdk v2 rewrites the
 * message and fields of the errors it is given, and the provider may hand the same cached error to
 * several callers.
 */
export class V2CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  readonly code = 'CredentialsError';
  readonly time: Date;
  readonly retryable = false;

  constructor(cause: unknown, now: number) {
    const error = toError(cause);
    super(error.message, { cause: error });
    this.time = new Date(now);
  }
}
