import type { Finding } from '../Finding.js';
import { analyzeProgram } from './analyzeProgram.js';
import { type FileKind, fileKind } from './fileKind.js';
import { hitFinding } from './hitFinding.js';
import { LineIndex } from './LineIndex.js';
import { parseCode } from './parseCode.js';
import { isTestPath } from './pathContext.js';
import { mayContainCredentials } from './prefilter.js';
import { scanText, textContext } from './scanText.js';

/** What `fix` rewrites static credentials to. */
export type FixTarget = 'keyless' | 'sdk-default';

export interface AnalyzeOptions {
  /** Rewrite the fixable findings and return the new text as `output` (default false). */
  fix?: boolean;
  /** `'keyless'` (default): `fromInstanceRole()` / the v2 adapter; `'sdk-default'`: only remove the keys. */
  target?: FixTarget;
  /**
   * Follows module constants through one level of import: returns the imported module's path and
   * text, or `undefined`. Synchronous.
   */
  readModule?: (fromFile: string, specifier: string) => { file: string; text: string } | undefined;
}

export interface AnalyzeResult {
  /** In source order; `file` is the `file` argument unchanged. */
  findings: Finding[];
  /** The rewritten text: only when `fix` was asked for and something changed; it re-parsed cleanly. */
  output?: string;
  /** The file could not be parsed: no output, findings from the key patterns only. */
  parseError?: { message: string; line: number; column: number };
  /** The keyword prefilter ruled the file out without parsing it. */
  skipped?: boolean;
}

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
  const kind: FileKind = fileKind(file) ?? 'text';
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
    // A bug of ours must not lose the file's findings: fall back to the key patterns. The message
    // names the error type only, since an error's text could quote the source.
    return {
      findings: scanText(text, 0, 'text', context).map((h) => hitFinding(h, file, lines, testPath)),
      parseError: {
        message: `analysis failed (${e instanceof Error ? e.name : 'error'}); patterns only`,
        line: 1,
        column: 1,
      },
    };
  }
}
