import type { SweepResult } from '../sweep/SweepResult.js';

/**
 * A baseline file that accepts every finding of `result` (including those already baselined):
 * fingerprints, with rule, file and line as hints for the people who review it. Pass it back with
 * `baseline` to report only new findings.
 */
export function formatBaseline(result: SweepResult): string {
  const findings = [...result.findings, ...result.baselined]
    .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.line }))
    .sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.fingerprint.localeCompare(b.fingerprint),
    );
  return `${JSON.stringify({ version: 1, tool: 'keyless', findings }, null, 2)}\n`;
}
