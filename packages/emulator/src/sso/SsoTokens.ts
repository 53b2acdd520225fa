import { randomBytes } from 'node:crypto';
import type { Clock } from '../Clock.js';

/** An IAM Identity Center access token, as `aws sso login` caches it in `~/.aws/sso/cache`. */
export interface SsoToken {
  readonly accessToken: string;
  readonly expiresAt: Date;
}

/** IAM Identity Center's default session duration. */
const DEFAULT_SSO_TOKEN_LIFETIME_MS = 8 * 3_600_000;

/**
 * The access tokens the portal accepts, each valid until its expiry on the emulator's clock. A
 * logout forgets them all, as `aws sso logout` revokes the session server-side.
 */
export class SsoTokens {
  readonly #clock: Clock;
  readonly #expiresAt = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  issue(lifetimeMs: number = DEFAULT_SSO_TOKEN_LIFETIME_MS): SsoToken {
    if (!Number.isSafeInteger(lifetimeMs) || lifetimeMs <= 0)
      throw new TypeError(`ssoLogin: lifetimeMs must be a positive integer, got ${lifetimeMs}`);
    // Real tokens are long opaque strings starting `aoa`; the shape only has to be unguessable.
    const accessToken = `aoa${randomBytes(96).toString('base64url')}`;
    const expiresAt = this.#clock.now() + lifetimeMs;
    this.#expiresAt.set(accessToken, expiresAt);
    return { accessToken, expiresAt: new Date(expiresAt) };
  }

  /** Whether the portal accepts this token now: issued here, not revoked, not expired. */
  isValid(accessToken: string): boolean {
    const expiresAt = this.#expiresAt.get(accessToken);
    return expiresAt !== undefined && this.#clock.now() < expiresAt;
  }

  revokeAll(): void {
    this.#expiresAt.clear();
  }
}
