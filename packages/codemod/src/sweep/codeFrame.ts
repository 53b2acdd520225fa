import type { FileKind } from '../engine/parse/fileKind.js';
import type { Finding } from '../Finding.js';
import { type LineSpan, maskLine } from './maskLine.js';

/** A few masked source lines around a finding, for the pretty report. */
export interface CodeFrame {
  /** 1-based number of `lines[0]`. */
  startLine: number;
  lines: string[];
}

/** The file a {@link codeFrame} is cut from. */
export interface CodeFrameSource {
  lines: readonly string[];
  /** Every finding of the file: all of them are masked, not only the framed one. */
  fileFindings: readonly Finding[];
  kind: FileKind;
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

/**
 * Fits a masked line into `MAX_LINE` columns. On a finding's first line the window follows the
 * finding (`focus`, a column in the masked text), so a key at column 300 of a long line shows.
 */
function clip(text: string, focus = 0): string {
  const flat = text.replace(/\t/g, '  ');
  if (flat.length <= MAX_LINE) return flat;
  const start = focus > MAX_LINE - 40 ? Math.min(focus - 40, flat.length - MAX_LINE + 2) : 0;
  const head = start > 0 ? `…${flat.slice(start + 1, start + MAX_LINE - 1)}` : flat.slice(0, MAX_LINE - 1);
  return start + MAX_LINE - 1 < flat.length ? `${head}…` : head;
}

/**
 * The finding's lines plus one line of context each side, masked with every finding of the file so
 * no secret shows, clipped so a minified line cannot flood the terminal.
 */
export function codeFrame(finding: Finding, source: CodeFrameSource): CodeFrame {
  const { lines, fileFindings, kind } = source;
  const first = Math.max(1, finding.line - 1);
  const last = Math.min(lines.length, finding.endLine + 1, first + MAX_LINES - 1);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1] ?? '';
    const spans = spansOnLine(n, fileFindings);
    // Where the finding starts once the text before it is masked (masks change lengths).
    const focus = n === finding.line ? maskLine(line.slice(0, finding.column - 1), spans, kind).length : 0;
    out.push(clip(maskLine(line, spans, kind), focus));
  }
  return { startLine: first, lines: out };
}
