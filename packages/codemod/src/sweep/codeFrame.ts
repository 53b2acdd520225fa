import type { Finding } from '../Finding.js';
import { type LineSpan, maskLine } from './maskLine.js';

/** A few masked source lines around a finding, for the pretty report. */
export interface CodeFrame {
  /** 1-based number of `lines[0]`. */
  startLine: number;
  lines: string[];
}

const MAX_LINE = 160;
const MAX_LINES = 5;

/** The columns of `line` (1-based) that any finding covers, as 0-based spans. */
export function spansOnLine(line: number, findings: readonly Finding[]): LineSpan[] {
  const spans: LineSpan[] = [];
  for (const f of findings) {
    if (line < f.line || line > f.endLine) continue;
    const start = line === f.line ? f.column - 1 : 0;
    const end = line === f.endLine ? f.endColumn - 1 : Number.POSITIVE_INFINITY;
    spans.push({ start, end: Math.max(end, start + 1) });
  }
  return spans;
}

function clip(text: string): string {
  const flat = text.replace(/\t/g, '  ');
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
}

/**
 * The finding's lines plus one line of context each side, masked with every finding of the file so
 * no secret shows, clipped so a minified line cannot flood the terminal.
 */
export function codeFrame(
  lines: readonly string[],
  finding: Finding,
  fileFindings: readonly Finding[],
  kind: 'code' | 'text',
): CodeFrame {
  const first = Math.max(1, finding.line - 1);
  const last = Math.min(lines.length, finding.endLine + 1, first + MAX_LINES - 1);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    out.push(clip(maskLine(lines[n - 1] ?? '', spansOnLine(n, fileFindings), kind)));
  }
  return { startLine: first, lines: out };
}
