import type { Clock } from '../Clock.js';
import { newImdsToken } from '../credentials/keyMaterial.js';

/** Past this many live tokens the oldest are dropped, so a client that PUTs per request cannot grow memory forever. */
const MAX_TOKENS = 100_000;

/** IMDSv2 session tokens: each is valid until its TTL ends or all tokens are invalidated. */
export class ImdsTokens {
  readonly #clock: Clock;
  readonly #expiresAt = new Map<string, number>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Issues a token valid for `ttlSeconds`. */
  issue(ttlSeconds: number): string {
    if (this.#expiresAt.size >= MAX_TOKENS) this.#prune();
    const token = newImdsToken();
    this.#expiresAt.set(token, this.#clock.now() + ttlSeconds * 1000);
    return token;
  }

  /** Whether the token was issued here, has not expired and was not invalidated. */
  isValid(token: string): boolean {
    const expiresAt = this.#expiresAt.get(token);
    return expiresAt !== undefined && this.#clock.now() < expiresAt;
  }

  /** Forgets every token, as an IMDS restart does; clients must PUT for a new one. */
  invalidateAll(): void {
    this.#expiresAt.clear();
  }

  #prune(): void {
    const now = this.#clock.now();
    for (const [token, expiresAt] of this.#expiresAt) {
      if (expiresAt <= now) this.#expiresAt.delete(token);
    }
    // Map iteration is insertion order, so this drops the oldest tokens first.
    for (const token of this.#expiresAt.keys()) {
      if (this.#expiresAt.size < MAX_TOKENS) break;
      this.#expiresAt.delete(token);
    }
  }
}
