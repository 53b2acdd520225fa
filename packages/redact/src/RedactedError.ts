import type { RedactOptions } from './RedactOptions.js';
import { redactSecrets } from './redactSecrets.js';

// Deep enough for any real chain (provider error -> SDK error -> socket error); a cycle stops here.
const MAX_DEPTH = 5;

/**
 * A redacted copy of an error from outside: the original's name, message, stack and string `code`
 * with every secret removed, and a cause chain of redacted copies. Nothing else of the original is
 * kept, because any of its other fields (a request, a response body, headers) may hold credentials.
 */
export class RedactedError extends Error {
  override readonly name: string;
  /** The original's string `code` (`ECONNRESET`, `ExpiredToken`), when it had one. */
  readonly code: string | undefined;

  constructor(original: Error, options: RedactOptions, depth: number) {
    const cause = (original as { cause?: unknown }).cause;
    super(
      redactSecrets(original.message, options),
      cause === undefined || depth >= MAX_DEPTH
        ? undefined
        : { cause: redactError(cause, options, depth + 1) },
    );
    this.name = redactSecrets(original.name, options);
    const code = (original as { code?: unknown }).code;
    this.code = typeof code === 'string' ? redactSecrets(code, options) : undefined;
    this.stack = redactSecrets(original.stack ?? `${this.name}: ${this.message}`, options);
  }
}

/**
 * Turns anything thrown into an `Error` safe to keep as a `cause`, log or serialise: an
 * {@link RedactedError} copy of an `Error`, the redacted text of a primitive, and only the type of any
 * other object (it is never serialised, since it may carry credentials).
 */
export function redactError(thrown: unknown, options: RedactOptions = {}, depth = 0): Error {
  if (thrown instanceof Error) return new RedactedError(thrown, options, depth);
  if (
    typeof thrown === 'string' ||
    typeof thrown === 'number' ||
    typeof thrown === 'boolean' ||
    typeof thrown === 'bigint'
  ) {
    return new Error(redactSecrets(String(thrown), options));
  }
  return new Error(`non-error value thrown (${thrown === null ? 'null' : typeof thrown})`);
}
