import type { Severity } from '../Finding.js';
import type { FileOutcome } from './analyzeFile.js';
import { rotationList } from './rotationList.js';
import type { FileDiff, ReportedFinding, SkippedFile, SweepFileError, SweepResult } from './SweepResult.js';

function byLocation(a: ReportedFinding, b: ReportedFinding): number {
  return (
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId)
  );
}

/**
 * Folds file outcomes into a `SweepResult` as they arrive, so only findings (never file texts)
 * are kept: applies the baseline, drops the duplicates that appear when two files import the same
 * module, and counts.
 */
export class SweepTally {
  readonly #baseline: ReadonlySet<string> | undefined;
  readonly #findings = new Map<string, ReportedFinding>();
  readonly #baselined = new Map<string, ReportedFinding>();
  readonly #errors: SweepFileError[] = [];
  readonly #skipped: SkippedFile[] = [];
  readonly #diffs: FileDiff[] = [];
  readonly #changed: string[] = [];
  readonly #imports = new Set<string>();
  #files = 0;
  #prefiltered = 0;
  #ignored = 0;

  constructor(baseline?: ReadonlySet<string>) {
    this.#baseline = baseline;
  }

  add(outcome: FileOutcome): void {
    if (outcome.absent) return;
    if (outcome.skipped !== undefined) this.#skipped.push(outcome.skipped);
    if (
      outcome.skipped?.reason !== 'not-read' &&
      outcome.errors.every((e) => e.kind !== 'io' && e.kind !== 'dirty')
    )
      this.#files++;
    if (outcome.prefiltered) this.#prefiltered++;
    this.#ignored += outcome.ignored;
    this.#errors.push(...outcome.errors);
    if (outcome.patch !== undefined) this.#diffs.push({ file: outcome.file, patch: outcome.patch });
    if (outcome.changed) this.#changed.push(outcome.file);
    for (const p of outcome.imports ?? []) this.#imports.add(p);
    this.addFindings(outcome.findings);
  }

  /**
   * Findings that no file outcome brings (a history sweep keeps only the earliest of each and adds
   * them at the end). The same finding twice is kept once; a history finding is the same only in
   * the same commit.
   */
  addFindings(findings: readonly ReportedFinding[]): void {
    for (const f of findings) {
      const key = `${f.file}:${f.line}:${f.column}:${f.ruleId}${f.introduced === undefined ? '' : `@${f.introduced.commit}`}`;
      if (this.#baseline?.has(f.fingerprint)) {
        const { frame: _frame, ...bare } = f;
        this.#baselined.set(key, bare);
      } else if (!this.#findings.has(key) || f.fixed) {
        this.#findings.set(key, f);
      }
    }
  }

  error(error: SweepFileError): void {
    this.#errors.push(error);
  }

  result(durationMs: number, workers: number): SweepResult {
    const findings = [...this.#findings.values()].sort(byLocation);
    const baselined = [...this.#baselined.values()].sort(byLocation);
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
    for (const f of findings) bySeverity[f.severity]++;
    const errors = this.#errors.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
    return {
      findings,
      errors,
      skipped: this.#skipped.sort((a, b) => a.file.localeCompare(b.file)),
      diffs: this.#diffs.sort((a, b) => a.file.localeCompare(b.file)),
      changed: this.#changed.sort(),
      imports: [...this.#imports].sort(),
      rotation: rotationList([...findings, ...baselined]),
      baselined,
      summary: {
        files: this.#files,
        prefiltered: this.#prefiltered,
        tooLarge: this.#skipped.length,
        findings: findings.length,
        bySeverity,
        fixable: findings.filter((f) => f.fixable).length,
        ignored: this.#ignored,
        baselined: baselined.length,
        changed: this.#changed.length,
        errors: errors.length,
        durationMs,
        workers,
      },
    };
  }
}
