import { DEFAULT_ROLE_SOURCES, isRoleSource, isStaticKeysPolicy } from '../CredentialSource.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';

/** Bad options are programming errors: `TypeError` at construction, naming the option. */
export function validateInit(init: FromInstanceRoleInit): void {
  if (typeof init !== 'object' || init === null) fail('init must be an object');
  if (init.sources !== undefined) {
    if (!Array.isArray(init.sources) || !init.sources.every(isRoleSource)) {
      fail(`sources must be an array of ${DEFAULT_ROLE_SOURCES.map((s) => `'${s}'`).join(', ')}`);
    }
    if (new Set(init.sources).size !== init.sources.length) fail('sources must not repeat a source');
  }
  if (init.staticKeys !== undefined && !isStaticKeysPolicy(init.staticKeys)) {
    fail("staticKeys must be 'warn', 'deny' or 'allow'");
  }
  const sc = init.staticCredentials;
  if (sc !== undefined && (typeof sc?.accessKeyId !== 'string' || typeof sc?.secretAccessKey !== 'string')) {
    fail('staticCredentials must have string accessKeyId and secretAccessKey');
  }
  if (init.logger !== undefined && typeof init.logger?.warn !== 'function') {
    fail('logger must have debug/info/warn/error methods');
  }
  if (init.clock !== undefined && typeof init.clock?.now !== 'function')
    fail('clock must have a now() method');
  positive('advisoryWindowMs', init.advisoryWindowMs);
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
  if (init.imds !== undefined) {
    if (typeof init.imds !== 'object' || init.imds === null) fail('imds must be an object');
    if (init.imds.endpoint !== undefined) httpUrl('imds.endpoint', init.imds.endpoint);
    positive('imds.timeoutMs', init.imds.timeoutMs);
    if (
      init.imds.maxAttempts !== undefined &&
      !(Number.isInteger(init.imds.maxAttempts) && init.imds.maxAttempts >= 1)
    ) {
      fail('imds.maxAttempts must be an integer >= 1');
    }
    if (init.imds.allowV1 !== undefined && typeof init.imds.allowV1 !== 'boolean')
      fail('imds.allowV1 must be a boolean');
  }
  if (init.env !== undefined && (typeof init.env !== 'object' || init.env === null))
    fail('env must be an object');
  if (init.profile !== undefined && (typeof init.profile !== 'string' || init.profile === '')) {
    fail('profile must be a non-empty string');
  }
  if (init.scheduler !== undefined && typeof init.scheduler?.schedule !== 'function') {
    fail('scheduler must have a schedule() method');
  }
  if (init.random !== undefined && typeof init.random !== 'function') fail('random must be a function');
}

/** Throws the `TypeError` for an invalid URL in option or variable `name`. */
export function httpUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(`${name} must be an http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(`${name} must be an http(s) URL, got "${value}"`);
  return url;
}

function positive(name: string, value: number | undefined): void {
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    fail(`${name} must be a positive number of milliseconds`);
  }
}

function fail(message: string): never {
  throw new TypeError(`fromInstanceRole: ${message}`);
}
