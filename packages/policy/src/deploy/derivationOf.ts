import type { Derivation } from '../derivePolicy.js';

/** The part of a derivation that comes from some files: one deploy unit's share of a repository's. */
export function derivationOf(derivation: Derivation, files: ReadonlySet<string>): Derivation {
  const mine = <T extends { file: string }>(list: readonly T[]) => list.filter((x) => files.has(x.file));
  return {
    calls: mine(derivation.calls),
    requirements: mine(derivation.requirements),
    underivable: mine(derivation.underivable),
    problems: mine(derivation.problems),
    coveredByRecords: mine(derivation.coveredByRecords),
  };
}
