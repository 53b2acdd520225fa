import { isAbsolute } from 'node:path';
import type { SweepOptions } from './SweepOptions.js';

/** Throws a `TypeError` naming the first bad option, before the sweep touches anything. */
export function validateSweepOptions(o: SweepOptions): void {
  if (
    !Array.isArray(o.paths) ||
    o.paths.length === 0 ||
    o.paths.some((p) => typeof p !== 'string' || p === '')
  ) {
    throw new TypeError('sweep: paths must be a non-empty list of paths');
  }
  if (typeof o.cwd !== 'string' || !isAbsolute(o.cwd))
    throw new TypeError('sweep: cwd must be an absolute path');
  if (o.target !== undefined && o.target !== 'keyless' && o.target !== 'sdk-default') {
    throw new TypeError(`sweep: target must be 'keyless' or 'sdk-default', got '${String(o.target)}'`);
  }
  if (o.shard !== undefined) {
    const { index, count } = o.shard;
    if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
      throw new TypeError(`sweep: shard must be i/n with 1 <= i <= n, got ${index}/${count}`);
    }
  }
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 0)) {
    throw new TypeError(`sweep: workers must be a non-negative integer, got ${o.workers}`);
  }
  if (o.workers !== undefined && o.workers > 0 && o.analyzer !== undefined) {
    throw new TypeError('sweep: workers run the built-in engine; an injected analyzer needs workers: 0');
  }
  if (o.maxFileBytes !== undefined && !(o.maxFileBytes > 0)) {
    throw new TypeError('sweep: maxFileBytes must be positive');
  }
}
