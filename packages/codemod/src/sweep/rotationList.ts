import type { Finding } from '../Finding.js';
import type { RotationEntry } from './SweepResult.js';

/**
 * Every distinct leaked key id among `findings`, once per key (by `keyHash`), with the files it
 * appeared in: the list of access keys to deactivate in IAM. Sorted by masked id.
 */
export function rotationList(findings: readonly Finding[]): RotationEntry[] {
  const byHash = new Map<string, { keyId: string; files: Set<string>; occurrences: number }>();
  for (const f of findings) {
    if (f.keyId === undefined || f.keyHash === undefined) continue;
    const entry = byHash.get(f.keyHash) ?? { keyId: f.keyId, files: new Set<string>(), occurrences: 0 };
    entry.files.add(f.file);
    entry.occurrences++;
    byHash.set(f.keyHash, entry);
  }
  return [...byHash]
    .map(([keyHash, e]) => ({
      keyId: e.keyId,
      keyHash,
      files: [...e.files].sort(),
      occurrences: e.occurrences,
    }))
    .sort((a, b) => a.keyId.localeCompare(b.keyId) || a.keyHash.localeCompare(b.keyHash));
}
