/** Normalises anything thrown into an `Error`, so callers can read `message` and keep the original as `cause`. */
export function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  return new Error(typeof e === 'string' ? e : `non-Error thrown: ${Object.prototype.toString.call(e)}`, {
    cause: e,
  });
}
