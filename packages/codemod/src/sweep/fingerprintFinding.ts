import { createHash } from 'node:crypto';
import type { Finding } from '../Finding.js';

/** Where a finding sits, for {@link fingerprintFinding}. */
export interface FingerprintInput {
  /** The file's path from the repository root (POSIX separators). */
  stablePath: string;
  /** The finding's source text; only findings with neither a key nor a secret hash use it. */
  sourceText: string;
  /** How many identical findings came before this one in the file. */
  occurrence: number;
}

/**
 * Identity of a finding that survives edits elsewhere in the file: rule, path from the repository
 * root, and the key's (or secret's) hash, or for findings about neither the whitespace-free source
 * text of the finding. Line numbers are left out on purpose: they move whenever code above them does. The
 * `:n` suffix tells apart identical findings in one file.
 */
export function fingerprintFinding(finding: Finding, where: FingerprintInput): string {
  const { stablePath, sourceText, occurrence } = where;
  const identity = finding.keyHash ?? finding.secretHash ?? `src:${sourceText.replace(/\s+/g, '')}`;
  const digest = createHash('sha256')
    .update(`${finding.ruleId}\0${stablePath}\0${identity}`)
    .digest('hex')
    .slice(0, 32);
  return `${digest}:${occurrence}`;
}
