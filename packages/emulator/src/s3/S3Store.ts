import { createHash } from 'node:crypto';
import type { Clock } from '../Clock.js';

/** One stored object: its bytes and what S3 reports about them. */
export interface S3Object {
  body: Buffer;
  contentType: string;
  /** The MD5 of the body in quotes, as S3 gives it for a single-part upload. */
  etag: string;
  lastModified: Date;
}

/**
 * The emulator's objects, in memory. Any bucket name exists (so tests need no setup); the total
 * stored size is capped so a runaway test cannot exhaust the process.
 */
export class S3Store {
  readonly #clock: Clock;
  readonly #maxBytes: number;
  readonly #objects = new Map<string, Map<string, S3Object>>();
  #bytes = 0;

  constructor(clock: Clock, maxBytes: number) {
    this.#clock = clock;
    this.#maxBytes = maxBytes;
  }

  /** The most bytes all objects together may hold. */
  get maxBytes(): number {
    return this.#maxBytes;
  }

  get(bucket: string, key: string): S3Object | undefined {
    return this.#objects.get(bucket)?.get(key);
  }

  /** Stores an object, replacing any with that key; `undefined` (nothing stored) if it would pass the cap. */
  put(bucket: string, key: string, body: Buffer, contentType: string): S3Object | undefined {
    const objects = this.#objects.get(bucket) ?? new Map<string, S3Object>();
    const replaced = objects.get(key)?.body.length ?? 0;
    if (this.#bytes - replaced + body.length > this.#maxBytes) return undefined;
    const object: S3Object = {
      body: Buffer.from(body),
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      lastModified: new Date(Math.floor(this.#clock.now() / 1000) * 1000),
    };
    objects.set(key, object);
    this.#objects.set(bucket, objects);
    this.#bytes += body.length - replaced;
    return object;
  }

  /** Deletes an object; deleting a missing key is not an error, as in S3. */
  delete(bucket: string, key: string): void {
    const objects = this.#objects.get(bucket);
    const object = objects?.get(key);
    if (objects === undefined || object === undefined) return;
    objects.delete(key);
    this.#bytes -= object.body.length;
  }

  /** The bucket's keys in UTF-8 binary order (S3's listing order) that start with `prefix`. */
  keys(bucket: string, prefix: string): string[] {
    const keys = [...(this.#objects.get(bucket)?.keys() ?? [])].filter((k) => k.startsWith(prefix));
    return keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  }
}
