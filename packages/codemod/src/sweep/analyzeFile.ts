import { isUtf8 } from 'node:buffer';
import { lstatSync, readFileSync } from 'node:fs';
import {
  RULE_GENERATED_KEY_ID,
  RULE_KEY_ID,
  RULE_SECRET,
  RULE_SESSION_TOKEN,
} from '../engine/detect/hitFinding.js';
import type { AnalyzeOptions, Analyzer, FixTarget } from './Analyzer.js';
import { createModuleReader } from './createModuleReader.js';
import { decodeText } from './decodeText.js';
import { describeIoError } from './describeIoError.js';
import type { FileTask } from './FileTask.js';
import { fixTempDirs } from './fixTempDirs.js';
import { guardEngine } from './guardEngine.js';
import { isBrowserEntry } from './isBrowserEntry.js';
import { maskedPatch } from './maskedPatch.js';
import { reportFindings } from './reportFindings.js';
import type { ReportedFinding, SkippedFile, SweepFileError } from './SweepResult.js';
import { FileChangedError, NoTempDirError, ReadOnlyFileError, writeFileAtomic } from './writeFileAtomic.js';

// Findings of a key by its pattern alone, which no shape (and so no browser judgement) is behind.
const PATTERN_RULES = new Set([RULE_KEY_ID, RULE_SECRET, RULE_SESSION_TOKEN, RULE_GENERATED_KEY_ID]);

// What a rewrite may start importing; the project has to depend on it.
const KEYLESS_PACKAGES = ['@keyless/credentials', '@keyless/shims'];

/** How every file of one sweep is handled. Plain data, so it can be sent to a worker. */
export interface FileSettings {
  cwd: string;
  /** Real paths of the swept trees: imports are only followed to files inside them. */
  roots: string[];
  fix: boolean;
  dryRun: boolean;
  target: FixTarget;
  maxFileBytes: number;
}

/** What happened to one file. Plain data, so a worker can send it back. */
export interface FileOutcome {
  file: string;
  findings: ReportedFinding[];
  ignored: number;
  prefiltered: boolean;
  /** Set when the file was too large to analyse in full. */
  skipped?: SkippedFile | undefined;
  /** Set when the file was not read at all (it vanished or is not a regular file). */
  absent: boolean;
  errors: SweepFileError[];
  /** Masked unified diff, under `dryRun` only. */
  patch?: string | undefined;
  changed: boolean;
  /** Packages the rewrite newly imports (`@keyless/credentials`, `@keyless/shims`). */
  imports?: string[] | undefined;
}

/**
 * Files larger than this are not read at all, whatever `maxFileBytes` says (unless it is larger):
 * one file must not take the sweep's memory, and nothing hand-written is that big.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The entry of a file too large to analyse (`too-large`) or to read at all (`not-read`). */
export function skippedFile(
  file: string,
  reason: SkippedFile['reason'],
  { bytes, limit }: { bytes: number; limit: number },
): SkippedFile {
  const message =
    reason === 'too-large'
      ? `${file} (${mib(bytes)}) is over the ${mib(limit)} limit: scanned by the key patterns only, not analysed or rewritten (raise --max-file-bytes to analyse it)`
      : `${file} (${mib(bytes)}) is over the ${mib(Math.max(MAX_READ_BYTES, limit))} read limit: not scanned at all (raise --max-file-bytes to read it)`;
  return { file, reason, bytes, message };
}

function writeError(file: string, e: unknown): SweepFileError {
  if (e instanceof FileChangedError)
    return {
      file,
      kind: 'changed',
      message: `${file} changed on disk during the fix; left as it is, run fix again`,
    };
  if (e instanceof ReadOnlyFileError)
    return {
      file,
      kind: 'io',
      message: `${file} is read-only; not rewritten (chmod u+w it to let fix rewrite it)`,
    };
  if (e instanceof NoTempDirError) {
    return {
      file,
      kind: 'io',
      message: `cannot write ${file}: no temp directory outside the work tree is on its file system, and a temp file beside it would hold a key; left as it was (run fix inside a git work tree)`,
    };
  }
  return { file, kind: 'io', message: `cannot write ${file}: ${describeIoError(e)}; left as it was` };
}

/**
 * Reads one file, runs the engine on it, drops findings silenced inline, gives the rest a
 * fingerprint and a masked frame, and (when fixing) writes the engine's output atomically or
 * makes a masked diff. Never throws: whatever goes wrong is an error entry and the file is left as
 * it was.
 */
export async function analyzeFile(
  task: FileTask,
  settings: FileSettings,
  analyzer: Analyzer,
): Promise<FileOutcome> {
  const outcome: FileOutcome = {
    file: task.file,
    findings: [],
    ignored: 0,
    prefiltered: false,
    absent: false,
    errors: [],
    changed: false,
  };
  let bytes: Buffer;
  try {
    // A symlink is swept where it points, if that is in the tree; rewriting through it would
    // replace the link with a copy. Synchronous: one thread with nothing else to do waits on the
    // read anyway, and the thread-pool round trips of an async read cost more than the read.
    const info = lstatSync(task.path);
    if (!info.isFile()) return { ...outcome, absent: true };
    if (info.size > Math.max(MAX_READ_BYTES, settings.maxFileBytes)) {
      return {
        ...outcome,
        skipped: skippedFile(task.file, 'not-read', { bytes: info.size, limit: settings.maxFileBytes }),
      };
    }
    if (info.size > settings.maxFileBytes)
      outcome.skipped = skippedFile(task.file, 'too-large', {
        bytes: info.size,
        limit: settings.maxFileBytes,
      });
    bytes = readFileSync(task.path);
  } catch (e: unknown) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ...outcome, absent: true };
    outcome.errors.push({
      file: task.file,
      kind: 'io',
      message: `cannot read ${task.file}: ${describeIoError(e)}`,
    });
    return outcome;
  }
  const { text, encoding } = decodeText(bytes);
  const texts = new Map<string, string>([[task.file, text]]);
  // A file too large to analyse is scanned by the key patterns, and so never rewritten.
  const patternsOnly = outcome.skipped !== undefined;
  const wantOutput = (settings.fix || settings.dryRun) && !patternsOnly;
  const options: AnalyzeOptions = {
    fix: wantOutput,
    target: settings.target,
    readModule: createModuleReader(settings.cwd, settings.roots, texts),
    ...(patternsOnly && { patternsOnly }),
  };
  const engine = guardEngine(
    () => {
      const first = analyzer.analyzeSource(task.file, text, options);
      // Whether a bundler or a `browser` field sends the file to browsers only matters for its
      // credential shapes, so only files that have one pay for the look-up.
      return first.findings.some((f) => !PATTERN_RULES.has(f.ruleId)) &&
        isBrowserEntry(task.path, settings.roots)
        ? analyzer.analyzeSource(task.file, text, { ...options, browser: true })
        : first;
    },
    { file: task.file, label: task.file, unparsed: ', not rewritten' },
  );
  outcome.errors.push(...engine.errors);
  const result = engine.result;
  if (result === undefined) return outcome;
  outcome.prefiltered = result.skipped === true;

  const kind = analyzer.fileKind(task.file) ?? 'text';
  const { reported, ignored } = reportFindings(result.findings, {
    texts,
    cwd: settings.cwd,
    root: task.root,
    fileKind: analyzer.fileKind,
  });
  outcome.findings = reported;
  outcome.ignored = ignored;

  const output = result.output;
  if (!wantOutput || output === undefined || output === text) return outcome;
  if (encoding !== 'utf8' || !isUtf8(bytes)) {
    outcome.errors.push({
      file: task.file,
      kind: 'io',
      message:
        encoding === 'utf8'
          ? `${task.file} is not valid UTF-8; not rewritten (fix it by hand)`
          : `${task.file} is ${encoding === 'utf16le' ? 'UTF-16 LE' : 'UTF-16 BE'}, not UTF-8; not rewritten (fix it by hand)`,
    });
    return outcome;
  }
  const own = result.findings.filter((f) => f.file === task.file);
  if (settings.dryRun) {
    outcome.patch = maskedPatch(task.file, { before: text, after: output, findings: own, kind });
  } else {
    try {
      await writeFileAtomic(task.path, output, text, { tempDirs: await fixTempDirs(task, output) });
    } catch (e: unknown) {
      outcome.errors.push(writeError(task.file, e));
      return outcome;
    }
  }
  outcome.changed = true;
  const imports = KEYLESS_PACKAGES.filter((p) => output.includes(p) && !text.includes(p));
  if (imports.length > 0) outcome.imports = imports;
  for (const f of outcome.findings) if (f.fixable && f.file === task.file) f.fixed = true;
  return outcome;
}
