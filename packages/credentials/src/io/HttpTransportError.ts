/** A request that got no HTTP response: refused, reset, unreachable, timed out, or past its deadline. */
export class HttpTransportError extends Error {
  override readonly name: string = 'HttpTransportError';
  /** `ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT`, `EDEADLINE`, `EBODYTOOLARGE`... */
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Errors that say "nothing listens there" rather than "it listens but failed". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
]);

/** True when a transport error means the endpoint is not there (used by the IMDS probe). */
export function isUnreachable(e: unknown): boolean {
  return e instanceof HttpTransportError && UNREACHABLE.has(e.code);
}
