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

/** The fields a record gains after it is started, once the body and the fault are known. */
export type RecordAnnotation = Partial<Pick<RequestRecord, 'action' | 'accessKeyId' | 'fault'>>;

export interface RequestLogInit {
  clock: Clock;
  /** Most records kept (the oldest go first). */
  limit: number;
  /** Most bytes the records may take, as estimated by `recordBytes`. */
  maxBytes: number;
}

/** A record's object and property overhead in V8, measured roughly; strings are added at 2 bytes a character. */
const RECORD_OVERHEAD_BYTES = 200;

function stringBytes(value: string | undefined): number {
  return value === undefined ? 0 : 2 * value.length;
}

/**
 * The request log. It keeps the newest records within a count and a byte budget, so neither a long
 * benchmark nor requests with 16 KiB paths can exhaust memory. The newest record is always kept.
 */
export class RequestLog {
  readonly #init: RequestLogInit;
  #records: MutableRecord[] = [];
  /** The estimated size of each kept record; a dropped record is no longer here. */
  #sizes = new WeakMap<MutableRecord, number>();
  #bytes = 0;

  constructor(init: RequestLogInit) {
    this.#init = init;
  }

  /** Records an arriving request; the returned record is completed when the response is sent. */
  start(fields: Omit<RequestRecord, 'at' | 'status'>): MutableRecord {
    const record: MutableRecord = { ...fields, status: 0, at: this.#init.clock.now() };
    this.#records.push(record);
    const size =
      RECORD_OVERHEAD_BYTES +
      stringBytes(record.method) +
      stringBytes(record.path) +
      stringBytes(record.action) +
      stringBytes(record.accessKeyId) +
      stringBytes(record.fault);
    this.#sizes.set(record, 0);
    this.#grow(record, size);
    return record;
  }

  /** Sets the fields learnt after the start (they come from the request, so their size counts too). */
  annotate(record: MutableRecord, fields: RecordAnnotation): void {
    let added = 0;
    for (const key of ['action', 'accessKeyId', 'fault'] as const) {
      const value = fields[key];
      if (value === undefined) continue;
      added += stringBytes(value) - stringBytes(record[key]);
      record[key] = value;
    }
    this.#grow(record, added);
  }

  /** The estimated bytes the kept records take. */
  get bytes(): number {
    return this.#bytes;
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
    this.#sizes = new WeakMap();
    this.#bytes = 0;
  }

  #grow(record: MutableRecord, bytes: number): void {
    const size = this.#sizes.get(record);
    // A record the log already dropped belongs only to the request still completing it.
    if (size === undefined || bytes === 0) return;
    this.#sizes.set(record, size + bytes);
    this.#bytes += bytes;
    const { limit, maxBytes } = this.#init;
    // Trim in batches, 10 % past either budget: dropping one record per request would copy the whole array every time.
    const overCount = this.#records.length > limit + Math.ceil(limit / 10);
    const overBytes = this.#bytes > maxBytes + Math.ceil(maxBytes / 10);
    if (!overCount && !overBytes) return;
    let drop = 0;
    while (
      drop < this.#records.length - 1 &&
      (this.#records.length - drop > limit || this.#bytes > maxBytes)
    ) {
      const dropped = this.#records[drop++] as MutableRecord;
      this.#bytes -= this.#sizes.get(dropped) ?? 0;
      this.#sizes.delete(dropped);
    }
    this.#records.splice(0, drop);
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
