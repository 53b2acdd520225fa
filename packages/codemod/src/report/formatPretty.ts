import type { Severity } from '../Finding.js';
import type {
  ReportedFinding,
  RotationEntry,
  SkippedFile,
  SweepFileError,
  SweepResult,
} from '../sweep/SweepResult.js';
import { type Colors, NO_COLORS } from './Colors.js';

/** Options of the pretty reports. */
export interface PrettyOptions {
  /** Styles; default none. */
  colors?: Colors;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function severityLabel(s: Severity, c: Colors): string {
  const padded = s.padEnd(7);
  return s === 'error' ? c.red(padded) : s === 'warning' ? c.yellow(padded) : c.blue(padded);
}

function frameLines(f: ReportedFinding, c: Colors): string[] {
  if (f.frame === undefined) return [];
  const last = f.frame.startLine + f.frame.lines.length - 1;
  const width = String(last).length;
  return f.frame.lines.map((text, i) => {
    const n = f.frame === undefined ? 0 : f.frame.startLine + i;
    const marker = n >= f.line && n <= f.endLine ? c.red('>') : ' ';
    return `    ${marker} ${c.dim(`${String(n).padStart(width)} |`)} ${text}`;
  });
}

/** Findings grouped under their file, each with its masked code frame and what to do. */
export function formatFindingsByFile(findings: readonly ReportedFinding[], c: Colors): string {
  const out: string[] = [];
  let file: string | undefined;
  for (const f of findings) {
    if (f.file !== file) {
      if (file !== undefined) out.push('');
      file = f.file;
      out.push(c.underline(c.bold(f.file)));
    }
    const where = c.dim(`${f.line}:${f.column}`.padEnd(8));
    out.push(`  ${where}${severityLabel(f.severity, c)} ${f.message}  ${c.dim(f.ruleId)}`);
    if (f.introduced !== undefined)
      out.push(
        `    ${c.dim(`introduced in ${f.introduced.commit.slice(0, 12)} on ${f.introduced.date.slice(0, 10)}`)}`,
      );
    out.push(...frameLines(f, c));
    for (const r of f.related ?? []) out.push(`    ${c.dim(`${r.line}:${r.column}`)} ${r.message}`);
    if (f.fixed === true) out.push(`    ${c.green('fixed')}`);
    else if (f.fixable) out.push(`    ${c.green('fix:')} \`keyless fix\` rewrites this`);
    if (f.suggestion !== undefined && f.fixed !== true)
      out.push(`    ${c.cyan('suggestion:')} ${f.suggestion}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** Files that could not be read, parsed or written, one per line. */
export function formatErrors(errors: readonly SweepFileError[], c: Colors): string {
  if (errors.length === 0) return '';
  const lines = errors.map((e) => {
    const at =
      e.line === undefined ? e.file : `${e.file}:${e.line}${e.column === undefined ? '' : `:${e.column}`}`;
    const label = e.kind === 'parse' ? c.yellow('parse') : c.red(e.kind);
    return `  ${label} ${at}  ${e.message}`;
  });
  return `${c.bold(`Problems (${errors.length})`)}\n${lines.join('\n')}\n`;
}

/** Files too large to analyse in full: what was done with each instead. */
export function formatSkipped(skipped: readonly SkippedFile[], c: Colors): string {
  if (skipped.length === 0) return '';
  const lines = skipped.map((s) => `  ${c.yellow(s.reason)} ${s.message}`);
  return `${c.bold(`Not analysed in full (${skipped.length})`)}\n${lines.join('\n')}\n`;
}

/**
 * The keys to deactivate, once each however often they appear. `history`: they came from a
 * history sweep, so there is no older copy left to point to.
 */
export function formatRotation(rotation: readonly RotationEntry[], c: Colors, history = false): string {
  if (rotation.length === 0) return '';
  const lines = rotation.map((r) => {
    const where =
      r.files.length > 3
        ? `${r.files.slice(0, 3).join(', ')} and ${r.files.length - 3} more`
        : r.files.join(', ');
    return `  ${c.bold(r.keyId)}  ${plural(r.occurrences, 'occurrence')} in ${where}`;
  });
  const why = history
    ? 'deleting them from the code leaves them in git history'
    : 'git history still holds them; `keyless scan --history` finds the ones already deleted';
  const head = `Rotate ${plural(rotation.length, 'leaked access key')}: deactivate in IAM, then delete (${why})`;
  return `${c.bold(head)}\n${lines.join('\n')}\n`;
}

/** `12 files`, or for a history sweep `30 file versions in 7 commits`. */
function scanned(s: SweepResult['summary']): string {
  return s.commits === undefined
    ? plural(s.files, 'file')
    : `${plural(s.files, 'file version')} in ${plural(s.commits, 'commit')}`;
}

/** `3 findings in 2 files (2 errors, 1 warning, 0 notes)`. */
export function findingTotals(result: SweepResult): string {
  const s = result.summary;
  const files = new Set(result.findings.map((f) => f.file)).size;
  const bySeverity = `${plural(s.bySeverity.error, 'error')}, ${plural(s.bySeverity.warning, 'warning')}, ${plural(s.bySeverity.note, 'note')}`;
  return `${plural(s.findings, 'finding')} in ${plural(files, 'file')} (${bySeverity})`;
}

/** The dim lines under a headline: files, time, what fix can do, and what was left out. */
export function formatTotals(result: SweepResult, c: Colors, mention: string[] = []): string {
  const s = result.summary;
  const lines = [
    `  ${[`${scanned(s)} scanned in ${(s.durationMs / 1000).toFixed(1)} s`, ...mention].join(' · ')}`,
  ];
  const quiet: string[] = [];
  if (s.ignored > 0) quiet.push(`${s.ignored} ignored inline`);
  if (s.baselined > 0) quiet.push(`${s.baselined} in the baseline`);
  if (s.tooLarge > 0) quiet.push(`${plural(s.tooLarge, 'file')} too large to analyse`);
  if (s.errors > 0) quiet.push(plural(s.errors, 'problem'));
  if (quiet.length > 0) lines.push(c.dim(`  ${quiet.join(' · ')}`));
  return `${lines.join('\n')}\n`;
}

/** The closing lines of a scan: the verdict, totals, what was skipped, how long it took. */
function formatSummary(result: SweepResult, c: Colors): string {
  const s = result.summary;
  if (s.findings === 0) {
    const quiet = formatTotals(result, c).split('\n').slice(1).join('\n');
    const seconds = `${(s.durationMs / 1000).toFixed(1)} s`;
    return `${c.green(`✔ no hard-coded AWS keys in ${scanned(s)} (${seconds})`)}\n${quiet}`;
  }
  const mention = s.fixable > 0 ? [`${s.fixable} fixable with \`keyless fix\``] : [];
  return `${c.red(`✖ ${findingTotals(result)}`)}\n${formatTotals(result, c, mention)}`;
}

/**
 * The human report of a scan: findings grouped per file with masked code frames, problems, the
 * rotation list and a summary.
 */
export function formatPretty(result: SweepResult, options: PrettyOptions = {}): string {
  const c = options.colors ?? NO_COLORS;
  const parts = [
    formatFindingsByFile(result.findings, c),
    formatErrors(result.errors, c),
    formatSkipped(result.skipped, c),
    formatRotation(result.rotation, c, result.summary.commits !== undefined),
    formatSummary(result, c),
  ];
  return parts.filter((p) => p !== '').join('\n');
}
