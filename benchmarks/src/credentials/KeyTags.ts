import type { AwsCredentialIdentity } from '@smithy/types';

/** A stand-in for an access key id in results: the order in which a caller first saw it. */
export class KeyTags {
  readonly #seen = new Map<string, number>();

  /** How many different sets were tagged. */
  get size(): number {
    return this.#seen.size;
  }

  tag(credentials: AwsCredentialIdentity): number {
    let tag = this.#seen.get(credentials.accessKeyId);
    if (tag === undefined) {
      tag = this.#seen.size;
      this.#seen.set(credentials.accessKeyId, tag);
    }
    return tag;
  }
}
