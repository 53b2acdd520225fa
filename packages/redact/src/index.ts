/**
 * @packageDocumentation
 * The one masking and redaction contract of keyless. Test vectors: `@keyless/redact/vectors`.
 */

/** Masks an access key id (`AKIA…WXYZ`). */
export { maskAccessKeyId } from './maskAccessKeyId.js';
/** A redacted copy of an error, safe to keep as a `cause`. */
export { RedactedError, redactError } from './RedactedError.js';
/** Options of `redactSecrets` and `redactError`: values known to be secret, and a length cap. */
export type { RedactOptions } from './RedactOptions.js';
/** Removes secrets from any text; `REDACTED` is what a removed secret looks like. */
export { REDACTED, redactSecrets } from './redactSecrets.js';
