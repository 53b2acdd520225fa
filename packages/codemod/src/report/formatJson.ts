import type { SweepResult } from '../sweep/SweepResult.js';

/**
 * The machine-readable report: `{ findings, errors, skipped, rotation, summary }` with 1-based positions,
 * paths relative to the working directory and masked key ids. Stable field order, two-space
 * indent, trailing newline. An earlier JSON report also works as a baseline. A history sweep's
 * findings carry `introduced: { commit, date }`.
 */
export function formatJson(result: SweepResult): string {
  const report = {
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.message,
      keyId: f.keyId ?? null,
      fixable: f.fixable,
      ...(f.suggestion === undefined ? {} : { suggestion: f.suggestion }),
      ...(f.related === undefined ? {} : { related: f.related }),
      ...(f.fixed === undefined ? {} : { fixed: f.fixed }),
      ...(f.introduced === undefined ? {} : { introduced: f.introduced }),
      fingerprint: f.fingerprint,
    })),
    errors: result.errors,
    skipped: result.skipped,
    rotation: result.rotation.map((r) => ({
      keyId: r.keyId,
      keyHash: r.keyHash,
      files: r.files,
      occurrences: r.occurrences,
    })),
    summary: result.summary,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
