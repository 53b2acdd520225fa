/**
 * Normalises anything thrown into an `Error`. Non-errors keep their string form as the message; an
 * object that is not an Error is not serialised, because it may carry credentials.
 */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  if (typeof thrown === 'number' || typeof thrown === 'boolean' || typeof thrown === 'bigint') {
    return new Error(String(thrown));
  }
  return new Error(`non-error value thrown (${thrown === null ? 'null' : typeof thrown})`);
}
