'use strict';

/**
 * One line for a failed export. aws-sdk v2 wraps a credentials failure twice ("Missing credentials
 * in config", then "Could not load credentials from ..."), each time keeping the error it replaced
 * as `originalError`; the innermost one is keyless's own, which lists every source it tried and why.
 *
 * @param {unknown} e
 * @returns {string}
 */
function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  let inner = e;
  for (let next = originalOf(inner); next !== undefined; next = originalOf(inner)) inner = next;
  return inner === e ? `${e.name}: ${e.message}` : `${e.message}: ${inner.message}`;
}

/** @param {Error} e */
function originalOf(e) {
  const original = /** @type {{ originalError?: unknown }} */ (e).originalError;
  return original instanceof Error ||
    (typeof original === 'object' && original !== null && 'message' in original)
    ? /** @type {Error} */ (original)
    : undefined;
}

module.exports = { describeError };
