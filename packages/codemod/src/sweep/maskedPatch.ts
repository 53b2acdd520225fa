import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';
import type { FileKind } from '../engine/parse/fileKind.js';
import type { Finding } from '../Finding.js';
import { spansOnLine } from './codeFrame.js';
import { maskLine } from './maskLine.js';

/** One file's rewrite, for {@link maskedPatch}. */
export interface MaskedChange {
  before: string;
  after: string;
  /** The findings of `before`, whose ranges are masked on removed and context lines. */
  findings: readonly Finding[];
  kind: FileKind;
}

/**
 * A unified diff of `before` → `after` in which every line is masked like a code frame: removed and
 * context lines with the findings of `before`, added lines by the key patterns. The patch shows
 * what changes; it is not meant to be applied.
 */
export function maskedPatch(file: string, change: MaskedChange): string {
  const { before, after, findings, kind } = change;
  const patch = structuredPatch(`a/${file}`, `b/${file}`, before, after, undefined, undefined, {
    context: 3,
  });
  for (const hunk of patch.hunks) {
    let oldLine = hunk.oldStart;
    hunk.lines = hunk.lines.map((line) => {
      const mark = line[0];
      const body = line.slice(1);
      if (mark === '+') return `+${maskLine(body, [], kind)}`;
      if (mark === '-' || mark === ' ') {
        const masked = `${mark}${maskLine(body, spansOnLine(oldLine, findings), kind)}`;
        oldLine++;
        return masked;
      }
      return line;
    });
  }
  return formatPatch(patch, FILE_HEADERS_ONLY);
}
