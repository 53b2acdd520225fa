import type { Analyzer } from '../Analyzer.js';
import { type FileOutcome, skippedFile } from '../analyzeFile.js';
import { decodeText } from '../decodeText.js';
import { guardEngine } from '../guardEngine.js';
import { reportFindings } from '../reportFindings.js';
import type { IntroducingCommit, ReportedFinding } from '../SweepResult.js';
import type { BlobContent } from './catBlobs.js';

/** One path a blob was committed at, with the earliest commit that put it there. */
export interface BlobPath {
  /** Where the file would be in the work tree, relative to the working directory: what reports show. */
  file: string;
  introduced: IntroducingCommit;
  /** Position of `introduced` in the history, oldest first: which of two commits came first. */
  order: number;
}

/** How every blob of one repository is scanned. */
export interface BlobSettings {
  analyzer: Analyzer;
  cwd: string;
  /** Repository root: fingerprints are relative to it, as in a tree scan of it. */
  root: string;
  maxFileBytes: number;
}

/** A blob's findings at each of its paths, and the outcome that counts it once. */
export interface BlobScan {
  /** The blob's file outcome without findings: counts, skip, errors. */
  outcome: FileOutcome;
  findings: { finding: ReportedFinding; order: number }[];
}

/**
 * Scans one blob's content the way a tree scan scans a file's: the engine's `analyzeSource` once
 * (keyword prefilter included; by the key patterns alone past `maxFileBytes`), under the blob's
 * earliest path, then inline ignores, fingerprints and masked frames through `reportFindings` for
 * each path it was committed at, each finding carrying the commit that put the blob there. Imports
 * are not followed: files on disk are today's, not the commit's.
 */
export function scanBlob(content: BlobContent, paths: readonly BlobPath[], s: BlobSettings): BlobScan {
  const first = paths[0];
  if (first === undefined) throw new TypeError('scanBlob: a blob needs at least one path');
  const at = `${first.file} at ${first.introduced.commit.slice(0, 12)}`;
  const outcome: FileOutcome = {
    file: first.file,
    findings: [],
    ignored: 0,
    prefiltered: false,
    absent: false,
    errors: [],
    changed: false,
  };
  const scan: BlobScan = { outcome, findings: [] };
  if (content.missing === true) {
    outcome.errors.push({
      file: first.file,
      kind: 'io',
      message: `cannot read ${at}: blob ${content.blob} is not in the repository (a partial clone? fetch it in full)`,
    });
    return scan;
  }
  if (content.bytes === undefined) {
    outcome.skipped = {
      ...skippedFile(at, 'not-read', { bytes: content.size, limit: s.maxFileBytes }),
      file: first.file,
    };
    return scan;
  }
  const patternsOnly = content.size > s.maxFileBytes;
  if (patternsOnly)
    outcome.skipped = {
      ...skippedFile(at, 'too-large', { bytes: content.size, limit: s.maxFileBytes }),
      file: first.file,
    };
  const { text } = decodeText(content.bytes);
  const engine = guardEngine(
    () =>
      s.analyzer.analyzeSource(first.file, text, { history: true, ...(patternsOnly && { patternsOnly }) }),
    { file: first.file, label: at, unparsed: '' },
  );
  outcome.errors.push(...engine.errors);
  const result = engine.result;
  if (result === undefined) return scan;
  outcome.prefiltered = result.skipped === true;
  for (const p of paths) {
    const findings = result.findings.map((f) => (f.file === first.file ? { ...f, file: p.file } : f));
    const { reported, ignored } = reportFindings(findings, {
      texts: new Map([[p.file, text]]),
      cwd: s.cwd,
      root: s.root,
      fileKind: s.analyzer.fileKind,
    });
    if (p === first) outcome.ignored = ignored;
    // Not `fixable`: `keyless fix` rewrites the tree, never a commit; a key still in the tree
    // is the tree scan's to fix.
    for (const finding of reported)
      scan.findings.push({
        finding: { ...finding, fixable: false, introduced: p.introduced },
        order: p.order,
      });
  }
  return scan;
}
