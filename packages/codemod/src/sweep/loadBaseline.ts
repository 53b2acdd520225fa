import { readFile } from 'node:fs/promises';
import { describeIoError } from './describeIoError.js';
import { SweepError } from './SweepError.js';

function fingerprintsOf(data: unknown): string[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const findings = (data as { findings?: unknown }).findings;
  if (!Array.isArray(findings)) return undefined;
  const out: string[] = [];
  for (const f of findings) {
    const fp = typeof f === 'object' && f !== null ? (f as { fingerprint?: unknown }).fingerprint : undefined;
    if (typeof fp !== 'string') return undefined;
    out.push(fp);
  }
  return out;
}

/**
 * The fingerprints accepted by a baseline file: one written by `formatBaseline` or any earlier
 * JSON report (both hold `findings[].fingerprint`).
 */
export async function loadBaseline(path: string): Promise<Set<string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e: unknown) {
    throw new SweepError(`cannot read the baseline ${path}: ${describeIoError(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SweepError(
      `the baseline ${path} is not JSON; write one with \`keyless scan --write-baseline ${path}\``,
    );
  }
  const fingerprints = fingerprintsOf(data);
  if (fingerprints === undefined) {
    throw new SweepError(
      `the baseline ${path} has no findings[].fingerprint list; write one with \`keyless scan --write-baseline ${path}\``,
    );
  }
  return new Set(fingerprints);
}
