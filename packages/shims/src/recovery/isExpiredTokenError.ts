/**
 * Error codes with which AWS services reject credentials that were good when they were issued:
 * expired session tokens (`ExpiredToken` in most query/XML services, `ExpiredTokenException` in JSON
 * ones), a signature dated outside the validity window (`RequestExpired`, EC2) and a key the service
 * no longer knows (`InvalidClientTokenId`, e.g. a rotated or revoked role session).
 */
export const EXPIRED_TOKEN_CODES: readonly string[] = Object.freeze([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'InvalidClientTokenId',
]);

/** The rejection code of an SDK error, when it is one of {@link EXPIRED_TOKEN_CODES}. */
export function expiredTokenCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  // v3 service exceptions carry the code as `name`; query protocols also expose `Code`, v2 uses `code`.
  const { name, Code, code } = error as Record<string, unknown>;
  for (const candidate of [name, Code, code]) {
    if (typeof candidate === 'string' && EXPIRED_TOKEN_CODES.includes(candidate)) return candidate;
  }
  return undefined;
}

/** True when a service rejected the request's credentials as expired or unknown. */
export function isExpiredTokenError(error: unknown): boolean {
  return expiredTokenCode(error) !== undefined;
}
