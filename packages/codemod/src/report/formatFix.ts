import type { SweepResult } from '../sweep/SweepResult.js';
import { type Colors, NO_COLORS } from './Colors.js';
import {
  findingTotals,
  formatErrors,
  formatFindingsByFile,
  formatRotation,
  formatSkipped,
  formatTotals,
} from './formatPretty.js';

/** Options of `formatFix`. */
export interface FixReportOptions {
  colors?: Colors;
  /** The sweep ran with `dryRun`: print the masked diffs and say "would". */
  dryRun?: boolean;
}

function colorPatch(patch: string, c: Colors): string {
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
      if (line.startsWith('@@')) return c.cyan(line);
      if (line.startsWith('+')) return c.green(line);
      if (line.startsWith('-')) return c.red(line);
      return line;
    })
    .join('\n');
}

function fixSummary(result: SweepResult, c: Colors, dryRun: boolean): string {
  if (result.findings.length === 0)
    return `${c.green('✔ no hard-coded AWS keys')}\n${formatTotals(result, c)}`;
  const fixed = result.findings.filter((f) => f.fixed === true).length;
  const left = result.findings.length - fixed;
  const done = `${fixed} ${dryRun ? 'would be rewritten' : 'rewritten'}, ${left} left for a person`;
  const head = `${left === 0 && !dryRun ? '✔' : '✖'} ${findingTotals(result)}: ${done}`;
  return `${left === 0 && !dryRun ? c.green(head) : c.red(head)}\n${formatTotals(result, c)}`;
}

/**
 * The report of `keyless fix`: the masked diffs (dry run) or the files written, the findings a
 * person still has to handle, problems, a summary and the rotation list of every leaked key.
 */
export function formatFix(result: SweepResult, options: FixReportOptions = {}): string {
  const c = options.colors ?? NO_COLORS;
  const parts: string[] = [];
  if (options.dryRun === true) {
    for (const d of result.diffs) parts.push(colorPatch(d.patch, c));
  }
  const verb = options.dryRun === true ? 'Would rewrite' : 'Rewrote';
  if (result.changed.length > 0) {
    parts.push(
      `${c.bold(`${verb} ${result.changed.length} file${result.changed.length === 1 ? '' : 's'}`)}\n${result.changed.map((f) => `  ${f}`).join('\n')}\n`,
    );
  } else {
    parts.push(`${c.bold('Nothing to rewrite')}\n`);
  }
  if (result.imports.length > 0) {
    const list = result.imports.join(' ');
    parts.push(
      `${c.bold('The rewritten code imports')} ${list}: \`npm install ${list}\` in each package that holds those files\n`,
    );
  }
  const manual = result.findings.filter((f) => f.fixed !== true);
  if (manual.length > 0) {
    parts.push(`${c.bold(`Left for a person (${manual.length})`)}\n${formatFindingsByFile(manual, c)}`);
  }
  parts.push(
    formatErrors(result.errors, c),
    formatSkipped(result.skipped, c),
    fixSummary(result, c, options.dryRun === true),
    formatRotation(result.rotation, c),
  );
  return parts.filter((p) => p !== '').join('\n');
}
