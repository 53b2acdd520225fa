import type { AwsCredentialIdentity, Logger } from '@smithy/types';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import type { HttpRequest, HttpResponse } from '../io/httpRequest.js';
import { type FetchBudget, sendWithRetry } from '../io/sendWithRetry.js';
import type { Sleep } from '../io/sleep.js';
import { noopLogger } from '../noopLogger.js';
import { parseCredentialsJson } from '../sources/parseCredentialsJson.js';
import { imdsStatusError } from './imdsStatusError.js';

/** Settings and seams of {@link ImdsClient}. */
export interface ImdsClientInit {
  endpoint: string;
  timeoutMs: number;
  maxAttempts: number;
  allowV1: boolean;
  /** Skip role discovery (`AWS_EC2_INSTANCE_PROFILE_NAME`). */
  instanceProfileName?: string | undefined;
  clock: { now(): number };
  request: HttpRequest;
  sleep: Sleep;
  random: () => number;
}

/** Options of one {@link ImdsClient.fetchCredentials} call. */
export interface FetchOptions {
  probe?: boolean;
  maxAttempts?: number;
  logger?: Logger;
}

const TOKEN_PATH = '/latest/api/token';
const TOKEN_TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TOKEN_TTL_SECONDS = 21_600;
// A token is renewed this long before its TTL ends, so a request never carries one about to lapse.
const TOKEN_RENEW_BEFORE_MS = 120_000;
const EXTENDED_PATH = '/latest/meta-data/iam/security-credentials-extended/';
const LEGACY_PATH = '/latest/meta-data/iam/security-credentials/';

/**
 * Our own IMDS client, because `@smithy/credential-provider-imds` falls short where it matters: it
 * asks for a new token on every refresh (three requests each time), retries without backoff, falls
 * back to IMDSv1 on a 429 or 5xx, and uses socket idle timeouts instead of a deadline. Here the token
 * is cached for its TTL and the role name for the life of the client, so a steady-state refresh is
 * one request; a 401 re-fetches the token once; v1 is used only when allowed and only after a
 * 403/404/405 on the token call; 429/5xx back off with jitter, honouring `Retry-After`; and each
 * fetch has one deadline (`timeoutMs * maxAttempts`).
 */
export class ImdsClient {
  readonly endpoint: string;
  readonly #init: ImdsClientInit;
  #inflight: Promise<AwsCredentialIdentity> | undefined;
  #token: { value: string; expiresAt: number } | undefined;
  #v1 = false;
  #roleName: string | undefined;
  #legacy = false;

  constructor(init: ImdsClientInit) {
    this.#init = init;
    this.endpoint = init.endpoint.replace(/\/+$/, '');
  }

  /**
   * Fetches the instance role's credentials; a call while a fetch is in flight joins it (one client
   * serves every configuration in the process). `probe`: unreachable fails at once (first contact).
   * `logger`: where the IMDSv1 fallback warning goes.
   */
  fetchCredentials(options: FetchOptions = {}): Promise<AwsCredentialIdentity> {
    this.#inflight ??= this.#fetch(options).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #fetch(options: FetchOptions): Promise<AwsCredentialIdentity> {
    const logger = options.logger ?? noopLogger;
    const maxAttempts = options.maxAttempts ?? this.#init.maxAttempts;
    const deadlineMs = this.#init.timeoutMs * maxAttempts;
    const budget: FetchBudget = {
      request: this.#init.request,
      sleep: this.#init.sleep,
      random: this.#init.random,
      timeoutMs: this.#init.timeoutMs,
      maxAttempts,
      deadline: AbortSignal.timeout(Math.ceil(deadlineMs)),
      deadlineAt: performance.now() + deadlineMs,
      probe: options.probe ?? false,
    };
    for (let round = 1; ; round++) {
      const role = this.#roleName ?? (await this.#discoverRole(budget, logger));
      const url = `${this.endpoint}${this.#legacy ? LEGACY_PATH : EXTENDED_PATH}${encodeURIComponent(role)}`;
      const response = await this.#get(budget, url, logger);
      if (response.status === 200) {
        this.#roleName = role;
        return parseCredentialsJson({ source: 'imds', url, body: response.body });
      }
      // The role was renamed or swapped: discover it again, once.
      if (response.status === 404 && round === 1 && this.#init.instanceProfileName === undefined) {
        this.#roleName = undefined;
        continue;
      }
      throw imdsStatusError(response.status, `credentials for role "${role}"`, url);
    }
  }

  async #discoverRole(budget: FetchBudget, logger: Logger): Promise<string> {
    if (this.#init.instanceProfileName !== undefined) return this.#init.instanceProfileName;
    if (!this.#legacy) {
      const url = `${this.endpoint}${EXTENDED_PATH}`;
      const response = await this.#get(budget, url, logger);
      if (response.status === 200) return roleFrom(response, url);
      // Only a 404 means "no extended API here"; a 403 or 500 must not switch paths.
      if (response.status !== 404) throw imdsStatusError(response.status, 'role name', url);
      this.#legacy = true;
    }
    const url = `${this.endpoint}${LEGACY_PATH}`;
    const response = await this.#get(budget, url, logger);
    if (response.status === 200) return roleFrom(response, url);
    if (response.status === 404) {
      throw new CredentialsProviderError(
        `imds: no IAM role is attached to this instance (${url} answered 404); attach an instance profile`,
        { source: 'imds' },
      );
    }
    throw imdsStatusError(response.status, 'role name', url);
  }

  async #get(budget: FetchBudget, url: string, logger: Logger): Promise<HttpResponse> {
    const token = await this.#ensureToken(budget, logger);
    const response = await sendWithRetry(budget, { method: 'GET', url, headers: tokenHeaders(token) });
    if (response.status !== 401) return response;
    // The token expired or IMDS restarted: one new token, one more try.
    this.#token = undefined;
    this.#v1 = false;
    const fresh = await this.#ensureToken(budget, logger);
    return sendWithRetry(budget, { method: 'GET', url, headers: tokenHeaders(fresh) });
  }

  async #ensureToken(budget: FetchBudget, logger: Logger): Promise<string | undefined> {
    if (this.#v1) return undefined;
    const now = this.#init.clock.now();
    if (this.#token !== undefined && now < this.#token.expiresAt - TOKEN_RENEW_BEFORE_MS)
      return this.#token.value;
    const url = `${this.endpoint}${TOKEN_PATH}`;
    const response = await sendWithRetry(budget, {
      method: 'PUT',
      url,
      headers: { [TOKEN_TTL_HEADER]: String(TOKEN_TTL_SECONDS) },
    });
    const value = response.body.trim();
    if (response.status === 200 && TOKEN_VALUE.test(value)) {
      this.#token = { value, expiresAt: now + ttlSeconds(response) * 1000 };
      return this.#token.value;
    }
    // Never cached: a token with CR/LF or a non-latin-1 character would fail every request locally
    // for its whole TTL (6 h).
    if (response.status === 200) throw imdsStatusError(200, 'token', url);
    if (response.status === 403 || response.status === 404 || response.status === 405) {
      if (!this.#init.allowV1) {
        throw new CredentialsProviderError(
          `imds: the IMDSv2 token request answered ${response.status} (${url}) and IMDSv1 fallback is off; ` +
            'enable IMDSv2 on the instance, or allow v1 with imds.allowV1 / AWS_EC2_METADATA_V1_DISABLED=false',
          { source: 'imds' },
        );
      }
      this.#v1 = true;
      logger.warn(`[keyless] imds: token request answered ${response.status}; using IMDSv1 (allowV1)`);
      return undefined;
    }
    throw imdsStatusError(response.status, 'token', url);
  }
}

// IMDSv2 tokens are base64 (about 56 characters); accept any visible ASCII up to 1 KiB, which
// keeps every header-breaking byte out of the cache.
const TOKEN_VALUE = /^[\x21-\x7e]{1,1024}$/;

function tokenHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { [TOKEN_HEADER]: token };
}

// The reply should echo the TTL; some servers omit it, so assume what was asked for (a 401 later
// re-fetches the token if the server meant less).
function ttlSeconds(response: HttpResponse): number {
  const raw = response.headers[TOKEN_TTL_HEADER];
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n > 0 && n <= TOKEN_TTL_SECONDS ? n : TOKEN_TTL_SECONDS;
}

// IAM role names: 1-64 of letters, digits and +=,.@_- (the first line of the listing).
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function roleFrom(response: HttpResponse, url: string): string {
  const role = response.body.split('\n')[0]?.trim() ?? '';
  if (!ROLE_NAME.test(role)) throw imdsStatusError(200, 'role name', url);
  return role;
}
