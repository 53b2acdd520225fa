import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';

/**
 * Bad options are programming errors: `TypeError` at construction, naming the option. The options
 * that are settings (sources, staticKeys, profile, imds.*) are checked by their row of the settings
 * table; these are the objects and cache options around them.
 */
export function validateInit(init: FromInstanceRoleInit): void {
  if (typeof init !== 'object' || init === null) fail('init must be an object');
  const sc = init.staticCredentials;
  if (sc !== undefined && (typeof sc?.accessKeyId !== 'string' || typeof sc?.secretAccessKey !== 'string')) {
    fail('staticCredentials must have string accessKeyId and secretAccessKey');
  }
  if (init.logger !== undefined && typeof init.logger?.warn !== 'function') {
    fail('logger must have debug/info/warn/error methods');
  }
  if (init.clock !== undefined && typeof init.clock?.now !== 'function')
    fail('clock must have a now() method');
  if (
    init.advisoryWindowMs !== undefined &&
    !(
      typeof init.advisoryWindowMs === 'number' &&
      Number.isFinite(init.advisoryWindowMs) &&
      init.advisoryWindowMs > 0
    )
  ) {
    fail('advisoryWindowMs must be a positive number of milliseconds');
  }
  if (
    init.mandatoryWindowMs !== undefined &&
    !(Number.isFinite(init.mandatoryWindowMs) && init.mandatoryWindowMs >= 0)
  ) {
    fail('mandatoryWindowMs must be a non-negative number of milliseconds');
  }
  if (
    init.advisoryWindowMs !== undefined &&
    init.mandatoryWindowMs !== undefined &&
    init.mandatoryWindowMs > init.advisoryWindowMs
  ) {
    fail('mandatoryWindowMs must not exceed advisoryWindowMs');
  }
  if (init.prefetch !== undefined && typeof init.prefetch !== 'boolean') fail('prefetch must be a boolean');
  if (init.imds !== undefined && (typeof init.imds !== 'object' || init.imds === null))
    fail('imds must be an object');
  if (init.env !== undefined && (typeof init.env !== 'object' || init.env === null))
    fail('env must be an object');
  if (init.scheduler !== undefined && typeof init.scheduler?.schedule !== 'function') {
    fail('scheduler must have a schedule() method');
  }
  if (init.random !== undefined && typeof init.random !== 'function') fail('random must be a function');
}

/** The `TypeError` of a bad option, prefixed like every other. */
export function fail(message: string): never {
  throw new TypeError(`fromInstanceRole: ${message}`);
}
