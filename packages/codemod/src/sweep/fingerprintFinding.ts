import { createHash } from 'node:crypto';
import type { Finding } from '../Finding.js';

/**
 * Identity of a finding that survives edits elsewhere in the file: rule, path from the repository
 * root, and the key's (or secret's) hash, or for findings about neither the whitespace-free source
 * text of the finding. Line numbers are left out on purpose: they move whenever code above them does. The
 * `:n` suffix tells apart identical findings in one file.
 */
export function fingerprintFinding(
  finding: Finding,
  stablePath: string,
  sourceText: string,
  occurrence: number,
): string {
  const identity = finding.keyHash ?? finding.secretHash ?? `src:${sourceText.replace(/\s+/g, '')}`;
  const digest = createHash('sha256')
    .update(`${finding.ruleId}\0${stablePath}\0${identity}`)
    .digest('hex')
    .slice(0, 32);
  return `${digest}:${occurrence}`;
}
