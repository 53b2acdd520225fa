import type { Finding, Severity } from '../Finding.js';
import type { CodeFrame } from './codeFrame.js';

/** The commit that brought a finding into a repository: what a history sweep adds to each finding. */
export interface IntroducingCommit {
  /** Full commit id: the earliest commit whose tree holds the finding's file version at its path. */
  commit: string;
  /** That commit's author date, ISO 8601 with the author's offset. */
  date: string;
}

/** A finding as the sweep reports it: `file` relative to the working directory, plus identity. */
export interface ReportedFinding extends Finding {
  /** Stable across edits elsewhere in the file; what baselines and SARIF `partialFingerprints` use. */
  fingerprint: string;
  /** Masked source lines around the finding. */
  frame?: CodeFrame;
  /** `fix` rewrote this finding's code (under `dryRun`: would rewrite). The key still needs rotating. */
  fixed?: boolean;
  /** History sweeps only: the commit that introduced it (`file` is its path in that commit). */
  introduced?: IntroducingCommit;
}

/** Why one file could not be scanned or fixed. The file is left as it was. */
export interface SweepFileError {
  /** Path relative to the working directory. */
  file: string;
  /**
   * `io`: could not list, read or write it; `parse`: the engine could not parse it (scanned by key
   * patterns only, never rewritten); `changed`: edited on disk during the fix; `engine`: the engine
   * or its worker failed on it; `dirty`: its git work tree has uncommitted changes, so `fix` did
   * not write it.
   */
  kind: 'io' | 'parse' | 'changed' | 'engine' | 'dirty';
  /** What failed and what to do; never contains a secret. */
  message: string;
  line?: number;
  column?: number;
}

/** A file the sweep did not analyse in full, and why. */
export interface SkippedFile {
  /** Path relative to the working directory. */
  file: string;
  /**
   * `too-large`: over `maxFileBytes`, scanned by the key patterns only (not parsed, not rewritten);
   * `not-read`: over the read limit (`MAX_READ_BYTES`, or `maxFileBytes` when larger), not scanned at all.
   */
  reason: 'too-large' | 'not-read';
  bytes: number;
  /** What happened and what to do. */
  message: string;
}

/** A masked unified diff of one file that `fix` changed (or would change under `dryRun`). */
export interface FileDiff {
  file: string;
  patch: string;
}

/** One leaked key to deactivate in IAM, however many places it appeared in. */
export interface RotationEntry {
  /** Masked (`AKIA…WXYZ`). */
  keyId: string;
  keyHash: string;
  /** Files it appeared in, sorted. */
  files: string[];
  occurrences: number;
}

/** Totals of one sweep. */
export interface SweepSummary {
  /** Files read and given to the engine. */
  files: number;
  /** Files the engine's keyword prefilter ruled out without parsing. */
  prefiltered: number;
  /** Files not analysed in full for their size (`skipped`): scanned by the key patterns only, or not read. */
  tooLarge: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  fixable: number;
  /** Findings silenced by an inline `keyless-ignore` (or a foreign marker). */
  ignored: number;
  /** Findings whose fingerprint is in the baseline. */
  baselined: number;
  /** Files written by `fix`, or that it would write under `dryRun`. */
  changed: number;
  errors: number;
  durationMs: number;
  /** Worker threads used; `0` when the sweep ran in-process. */
  workers: number;
  /** History sweeps only: commits read. `files` then counts the distinct blobs read. */
  commits?: number;
}

/** Everything one sweep found, changed and failed on. */
export interface SweepResult {
  /** Sorted by file, line, column; ignored and baselined findings are left out. */
  findings: ReportedFinding[];
  errors: SweepFileError[];
  /** Files not analysed in full, sorted by path; counted in `summary.tooLarge`. */
  skipped: SkippedFile[];
  /** Under `dryRun`: what `fix` would change. Empty otherwise. */
  diffs: FileDiff[];
  /** Paths written (or, under `dryRun`, that would be). */
  changed: string[];
  /** Packages the rewrites newly import, which the project must add to its dependencies. */
  imports: string[];
  rotation: RotationEntry[];
  /** Findings left out because their fingerprint is in the baseline (without frames). */
  baselined: ReportedFinding[];
  summary: SweepSummary;
}
