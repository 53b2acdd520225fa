// Public API of @keyless/codemod. Two engineers own two halves of this file: keep each export
// inside its own section.

export type { Finding, Severity } from './Finding.js';

// --- engine: parsing, detection, rewriting (one file at a time) ---

/** Options, result and rewrite target of {@link analyzeSource}. */
export type { AnalyzeOptions, AnalyzeResult, FixTarget } from './engine/analyzeSource.js';
/**
 * Analyses one file's text: finds hard-coded and static AWS credentials, and with `fix: true`
 * rewrites the provably safe shapes (returned as `output`, already re-parsed). Pure, no I/O besides
 * the optional `readModule`, never throws on bad input.
 */
export { analyzeSource } from './engine/analyzeSource.js';
/**
 * How the engine treats a path: `'code'` (parsed with oxc), `'text'` (`.env*`, JSON, YAML, ini,
 * properties, Terraform: key patterns only) or `undefined` (not scanned).
 */
export { fileKind } from './engine/fileKind.js';
/** Masks an access key id as its first and last four characters (`AKIA…WXYZ`). */
export { maskKeyId } from './engine/maskKeyId.js';

// --- sweep: file discovery, workers, ignores, baselines, atomic writes, reports ---
