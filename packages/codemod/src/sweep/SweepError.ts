/**
 * A sweep that cannot start or finish as asked: bad baseline, dirty work tree, unreadable listing.
 * The message says what to do next and never contains a secret. Per-file problems are not thrown:
 * they are entries in `SweepResult.errors`.
 */
export class SweepError extends Error {
  override name = 'SweepError';
}
