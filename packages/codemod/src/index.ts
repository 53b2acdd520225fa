// Public API of @keyless/codemod. Two engineers own two halves of this file: keep each export
// inside its own section.

export type { Finding, RelatedLocation, Severity } from './Finding.js';

// --- engine: parsing, detection, rewriting (one file at a time) ---

/** Masks an access key id as its first and last four characters (`AKIA…WXYZ`). */
export { maskAccessKeyId as maskKeyId } from '@keyless/redact';
/** Options, result and rewrite target of {@link analyzeSource}. */
export type { AnalyzeOptions, AnalyzeResult, FixTarget, ModuleBase } from './engine/AnalyzeOptions.js';
/**
 * Analyses one file's text: finds hard-coded and static AWS credentials, and with `fix: true`
 * rewrites the provably safe shapes (returned as `output`, already re-parsed). Pure, no I/O besides
 * the optional `readModule`, never throws on bad input.
 */
export { analyzeSource } from './engine/analyzeSource.js';
/**
 * How the engine treats a path: `'code'` (parsed with oxc), `'markup'` (Vue, Svelte, Astro, HTML,
 * PHP: script blocks parsed), `'text'` (config files, scripts, Dockerfiles, notes, notebooks: key
 * patterns only) or `undefined` (not scanned).
 */
export { type FileKind, fileKind } from './engine/parse/fileKind.js';

// --- sweep: file discovery, workers, ignores, baselines, atomic writes, reports ---

/** Masks anything shaped like an AWS key id, secret key or session token in a line of text. */
export { redactSecrets } from '@keyless/redact';
/** The styles the pretty reports use (`picocolors.createColors()` fits). */
export { type Colors, NO_COLORS } from './report/Colors.js';
/** A baseline file accepting every current finding, by fingerprint. */
export { formatBaseline } from './report/formatBaseline.js';
/** Report of `fix`: masked diffs (dry run), files rewritten, what is left, summary and rotation list. */
export { type FixReportOptions, formatFix } from './report/formatFix.js';
/** JSON report: `{ findings, errors, skipped, rotation, summary }`; also usable as a baseline. */
export { formatJson } from './report/formatJson.js';
/**
 * Human report of a scan: findings per file with masked code frames, problems, rotation list,
 * summary; `formatFindingsByFile` is its findings section, for other reports of findings.
 */
export { formatFindingsByFile, formatPretty, type PrettyOptions } from './report/formatPretty.js';
/** SARIF 2.1.0 for GitHub code scanning (of the scanner's findings, or another tool's with `describeRule`). */
export { formatSarif, type SarifInput, type SarifOptions } from './report/formatSarif.js';
/** SARIF's description of one rule. */
export type { RuleMetadata } from './report/ruleMetadata.js';
/** The engine as `sweep` uses it; inject another in tests. */
export type { Analyzer } from './sweep/Analyzer.js';
/** Masked source lines around a finding. */
export type { CodeFrame } from './sweep/codeFrame.js';
/** What history to sweep: repositories (or folders in them), `cwd`, `since`, baseline, file size limit. */
export type { HistoryOptions } from './sweep/history/HistoryOptions.js';
/**
 * Sweeps git history: every blob reachable from any ref (or added since a commit) read and analysed
 * once, each finding with the commit that introduced it (`introduced`), the same ignores, baseline,
 * size limits and reports as `sweep`. Outside git, in a shallow clone or with a bad `since` it
 * rejects with `SweepError`.
 */
export { sweepHistory } from './sweep/history/sweepHistory.js';
/** A slice of a sweep split across machines (`index` 1-based of `count`). */
export type { Shard } from './sweep/inShard.js';
/** Thrown by `sweep` when the run as a whole cannot go ahead; the message says what to do. */
export { SweepError } from './sweep/SweepError.js';
/** What to sweep and how: paths, `cwd`, fix/dry-run/target, baseline, shard, workers, file size limit. */
export type { SweepOptions } from './sweep/SweepOptions.js';
/** What `sweep` returns: findings (relative paths, fingerprints, masked frames), errors, diffs, rotation list, summary. */
export type {
  FileDiff,
  IntroducingCommit,
  ReportedFinding,
  RotationEntry,
  SkippedFile,
  SweepFileError,
  SweepResult,
  SweepSummary,
} from './sweep/SweepResult.js';
/**
 * Sweeps files and directories (git-aware, many repositories per run) with the engine, in worker
 * threads for large trees; applies inline `keyless-ignore` comments and a baseline; under `fix`
 * writes rewrites atomically (temp file + rename, mode kept) or returns masked diffs (`dryRun`).
 * Per-file problems are in `errors`; a bad baseline or a dirty work tree rejects with `SweepError`.
 */
export { sweep } from './sweep/sweep.js';
/** Writes a new file and flushes it: the first half of an atomic write (temp file, then rename). */
export { writeTempFile } from './sweep/writeTempFile.js';
