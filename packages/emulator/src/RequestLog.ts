import type { Clock } from './Clock.js';

/** What a request was for, decided from its method and path before any fault applies. */
export type RequestKind =
  | 'imds-token'
  | 'imds-credentials'
  | 'imds-role-list'
  | 'imds-other'
  | 'container'
  | 'sts'
  | 's3'
  | 'sso'
  | 'other';

/** One request the emulator received. */
export interface RequestRecord {
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** The status sent, or 0 while pending and when no response was sent (hang, reset, refuse). */
  readonly status: number;
  /**
   * Whether the request carried its surface's token: `X-aws-ec2-metadata-token` for IMDS,
   * `x-amz-sso_bearer_token` for the SSO portal, `Authorization` for the container endpoints, STS and S3.
   */
  readonly tokenSent: boolean;
  readonly kind: RequestKind;
  /** The STS `Action`, for `sts` requests that named one. */
  readonly action?: string;
  /**
   * For `s3` and `sts` requests, the access key id named in the SigV4 `Authorization` header, whether
   * or not the signature checked out (`status` tells): which credentials a client signed with.
   */
  readonly accessKeyId?: string;
  /** The fault type applied to this request, if any. */
  readonly fault?: string;
  /** When the request arrived, from the emulator's clock. */
  readonly at: number;
}

/** Narrows `requests()` and `count()`; every given field must match. */
export interface RequestFilter {
  kind?: RequestKind;
  path?: string | RegExp;
  method?: string;
  status?: number;
  action?: string;
  accessKeyId?: string;
}

type MutableRecord = { -readonly [K in keyof RequestRecord]: RequestRecord[K] };

/** The request log. It keeps the newest `limit` records so a long benchmark cannot exhaust memory. */
export class RequestLog {
  readonly #clock: Clock;
  readonly #limit: number;
  #records: MutableRecord[] = [];

  constructor(clock: Clock, limit: number) {
    this.#clock = clock;
    this.#limit = limit;
  }

  /** Records an arriving request; the returned record is completed when the response is sent. */
  start(fields: Omit<RequestRecord, 'at' | 'status'>): MutableRecord {
    const record: MutableRecord = { ...fields, status: 0, at: this.#clock.now() };
    this.#records.push(record);
    // Trim in batches: dropping one record per request would copy the whole array every time.
    if (this.#records.length > this.#limit + Math.ceil(this.#limit / 10)) {
      this.#records.splice(0, this.#records.length - this.#limit);
    }
    return record;
  }

  /** Copies of the matching records, oldest first. */
  list(filter: RequestFilter = {}): RequestRecord[] {
    return this.#records.filter((r) => matches(r, filter)).map((r) => ({ ...r }));
  }

  count(filter: RequestFilter = {}): number {
    let n = 0;
    for (const r of this.#records) if (matches(r, filter)) n++;
    return n;
  }

  reset(): void {
    this.#records = [];
  }
}

function matches(record: RequestRecord, filter: RequestFilter): boolean {
  if (filter.kind !== undefined && record.kind !== filter.kind) return false;
  if (filter.method !== undefined && record.method !== filter.method.toUpperCase()) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.action !== undefined && record.action !== filter.action) return false;
  if (filter.accessKeyId !== undefined && record.accessKeyId !== filter.accessKeyId) return false;
  if (typeof filter.path === 'string' && record.path !== filter.path) return false;
  // search() ignores lastIndex, so a /g pattern matches the same way every time.
  if (filter.path instanceof RegExp && record.path.search(filter.path) === -1) return false;
  return true;
}
