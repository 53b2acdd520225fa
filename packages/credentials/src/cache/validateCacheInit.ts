import type { AwsCredentialIdentity } from '@smithy/types';
import type { RefreshCacheInit } from './RefreshCache.js';

/** Bad options are programming errors: they throw `TypeError` at construction, not at the first call. */
export function validateCacheInit<T extends AwsCredentialIdentity>(init: RefreshCacheInit<T>): void {
  if (typeof init !== 'object' || init === null) throw new TypeError('RefreshCache: init must be an object');
  if (typeof init.fetch !== 'function') throw new TypeError('RefreshCache: fetch must be a function');
  if (init.clock !== undefined && typeof init.clock?.now !== 'function') {
    throw new TypeError('RefreshCache: clock must have a now() method');
  }
  if (init.logger !== undefined && typeof init.logger?.warn !== 'function') {
    throw new TypeError('RefreshCache: logger must have debug/info/warn/error methods');
  }
  checkWindow('advisoryWindowMs', init.advisoryWindowMs, false);
  checkWindow('mandatoryWindowMs', init.mandatoryWindowMs, true);
  if (
    init.advisoryWindowMs !== undefined &&
    init.mandatoryWindowMs !== undefined &&
    init.mandatoryWindowMs > init.advisoryWindowMs
  ) {
    throw new TypeError('RefreshCache: mandatoryWindowMs must not exceed advisoryWindowMs');
  }
  if (init.prefetch !== undefined && typeof init.prefetch !== 'boolean') {
    throw new TypeError('RefreshCache: prefetch must be a boolean');
  }
  if (init.name !== undefined && (typeof init.name !== 'string' || init.name === '')) {
    throw new TypeError('RefreshCache: name must be a non-empty string');
  }
  if (init.scheduler !== undefined && typeof init.scheduler?.schedule !== 'function') {
    throw new TypeError('RefreshCache: scheduler must have a schedule() method');
  }
  if (init.random !== undefined && typeof init.random !== 'function') {
    throw new TypeError('RefreshCache: random must be a function');
  }
}

function checkWindow(name: string, value: unknown, zeroAllowed: boolean): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && Number.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0);
  if (!ok)
    throw new TypeError(
      `RefreshCache: ${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} number of milliseconds`,
    );
}
