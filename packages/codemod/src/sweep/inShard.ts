import { createHash } from 'node:crypto';

/** One slice of a sweep split across machines: `index` is 1-based, from 1 to `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Whether `path` belongs to `shard`. The split hashes the path, so it is stable across machines
 * and runs, needs no shared state, and spreads files evenly whatever the directory layout.
 */
export function inShard(path: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(path).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
