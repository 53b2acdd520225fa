// Parsers for settings read from env vars or profile keys. A bad value is a configuration error that
// names the setting; the value itself is quoted only for settings that can never hold a secret.

/** `true`/`false` (any case); undefined stays undefined. */
export function parseBoolean(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new TypeError(`${name} must be "true" or "false", got "${value}"`);
}

/** A positive number of seconds, decimals allowed (the SDKs' `metadata_service_timeout`). */
export function parseSeconds(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new TypeError(`${name} must be a positive number of seconds, got "${value}"`);
  return n;
}

/** An integer >= 1. */
export function parseCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new TypeError(`${name} must be an integer >= 1, got "${value}"`);
  return n;
}
