import type { AnalyzeOptions, AnalyzeResult, FixTarget } from './AnalyzeOptions.js';
import { analyzeProgram } from './analyzeProgram.js';
import { hitFinding } from './detect/hitFinding.js';
import { isTestPath } from './detect/pathContext.js';
import { scanText, textContext } from './detect/scanText.js';
import { type FileKind, fileKind } from './parse/fileKind.js';
import { LineIndex } from './parse/LineIndex.js';
import { parseCode } from './parse/parseCode.js';
import { mayContainCredentials } from './parse/prefilter.js';

const TARGETS: readonly FixTarget[] = ['keyless', 'sdk-default'];

function checkOptions(options: AnalyzeOptions): void {
  if (options.target !== undefined && !TARGETS.includes(options.target)) {
    throw new TypeError(
      `analyzeSource: target must be one of ${TARGETS.join(', ')}, got ${String(options.target)}`,
    );
  }
  if (options.readModule !== undefined && typeof options.readModule !== 'function') {
    throw new TypeError('analyzeSource: readModule must be a function');
  }
}

/**
 * Analyses one file: finds hard-coded and static AWS credentials and, with `fix`, rewrites the
 * shapes that are provably safe. Pure (no I/O besides `readModule`) and never throws on bad input:
 * a file oxc cannot parse comes back with `parseError` and pattern findings only.
 */
export function analyzeSource(file: string, text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  checkOptions(options);
  const kind: FileKind = options.patternsOnly === true ? 'text' : (fileKind(file) ?? 'text');
  if (!mayContainCredentials(text, kind)) return { findings: [], skipped: true };
  const lines = new LineIndex(text);
  const testPath = isTestPath(file);
  const context = textContext(text);
  if (kind === 'text') {
    return { findings: scanText(text, 0, 'text', context).map((h) => hitFinding(h, file, lines, testPath)) };
  }

  const parsed = parseCode(file, text);
  if (!parsed.ok) {
    const at = lines.position(parsed.offset);
    return {
      findings: scanText(text, 0, 'text', context).map((h) => hitFinding(h, file, lines, testPath)),
      parseError: { message: parsed.message, line: at.line, column: at.column },
    };
  }
  try {
    return analyzeProgram({
      file,
      text,
      program: parsed.program,
      comments: parsed.comments,
      lines,
      testPath,
      context,
      options,
    });
  } catch (e: unknown) {
    // A bug of ours, or a tree deeper than the analysis' recursion can walk (a RangeError), must
    // not lose the file's findings: fall back to the key patterns. The message names the error
    // type only, since an error's text could quote the source.
    const name = e instanceof Error ? e.name : 'error';
    return {
      findings: scanText(text, 0, 'text', context).map((h) => hitFinding(h, file, lines, testPath)),
      parseError: {
        message: name === 'RangeError' ? 'too deeply nested to analyse' : `analysis failed (${name})`,
        line: 1,
        column: 1,
      },
    };
  }
}
