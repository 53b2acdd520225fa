import type { Finding } from '../Finding.js';
import type { AnalyzeOptions, AnalyzeResult, FixTarget } from './AnalyzeOptions.js';
import { analyzeProgram } from './analyzeProgram.js';
import { hitFinding } from './detect/hitFinding.js';
import type { HitOrigin } from './detect/KeyHit.js';
import { isTestPath } from './detect/pathContext.js';
import { scanText, type TextContext, textContext } from './detect/scanText.js';
import { type FileKind, fileKind, type TextFlavour, textFlavour } from './parse/fileKind.js';
import { LineIndex } from './parse/LineIndex.js';
import { parseCode } from './parse/parseCode.js';
import { mayContainCredentials } from './parse/prefilter.js';
import { blankBlocks, blankOutside, scriptBlocks } from './parse/scriptBlocks.js';

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

/** What every stage of one file's analysis shares. */
interface FileInput {
  file: string;
  text: string;
  lines: LineIndex;
  testPath: boolean;
  context: TextContext;
  options: AnalyzeOptions;
}

/** The key patterns over `scanned` (the file's text, or a blanked copy with the same offsets). */
function patterns(input: FileInput, origin: HitOrigin, scanned = input.text): Finding[] {
  return scanText(scanned, { base: 0, origin, context: input.context }).map((h) => hitFinding(h, input));
}

function positionOf(input: FileInput, offset: number, message: string): ParseFailure {
  return { message, ...input.lines.position(offset) };
}

type ParseFailure = NonNullable<AnalyzeResult['parseError']>;

/**
 * Parses and analyses `code` (the file's text, or one script block of it blanked around), falling
 * back to the key patterns when it does not parse or the analysis fails.
 */
function analyzeCode(
  input: FileInput,
  code: string,
  block?: { parseAs: string; browser: boolean },
): AnalyzeResult {
  const parsed = parseCode(block?.parseAs ?? input.file, code);
  if (!parsed.ok) {
    return {
      findings: patterns(input, 'unparsed', code),
      parseError: positionOf(input, parsed.offset, parsed.message),
    };
  }
  try {
    return analyzeProgram({
      ...input,
      text: code,
      program: parsed.program,
      comments: parsed.comments,
      ...(block !== undefined && { block }),
    });
  } catch (e: unknown) {
    // A bug of ours, or a tree deeper than the analysis' recursion can walk (a RangeError), must
    // not lose the file's findings: fall back to the key patterns. The message names the error
    // type only, since an error's text could quote the source.
    const name = e instanceof Error ? e.name : 'error';
    return {
      findings: patterns(input, 'unparsed', code),
      parseError: positionOf(
        input,
        0,
        name === 'RangeError' ? 'too deeply nested to analyse' : `analysis failed (${name})`,
      ),
    };
  }
}

const MARKUP_NOT_FIXED =
  'Rewrite it by hand: keyless fix does not edit script blocks of markup files (move the AWS client into a server-side module, which fix can rewrite)';

/**
 * A Vue, Svelte, Astro, HTML or PHP file: each script block analysed as code (never rewritten),
 * the markup around them scanned by the key patterns.
 */
function analyzeMarkup(input: FileInput): AnalyzeResult {
  const blocks = scriptBlocks(input.file, input.text);
  const findings = patterns(input, 'markup', blankBlocks(input.text, blocks));
  let parseError: ParseFailure | undefined;
  for (const b of blocks) {
    const r = analyzeCode(
      { ...input, options: { ...input.options, fix: false } },
      blankOutside(input.text, b.start, b.end),
      b,
    );
    parseError ??= r.parseError;
    for (const f of r.findings)
      findings.push(f.fixable ? { ...f, fixable: false, suggestion: MARKUP_NOT_FIXED } : f);
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { findings, ...(parseError !== undefined && { parseError }) };
}

/** Where a pattern finding in a text file sits, for its message. */
const TEXT_ORIGIN: Record<TextFlavour, HitOrigin> = {
  config: 'text',
  script: 'script',
  document: 'document',
};

/**
 * Analyses one file: finds hard-coded and static AWS credentials and, with `fix`, rewrites the
 * shapes that are provably safe. Pure (no I/O besides `readModule`) and never throws on bad input:
 * a file oxc cannot parse comes back with `parseError` and pattern findings only.
 */
export function analyzeSource(file: string, text: string, options: AnalyzeOptions = {}): AnalyzeResult {
  checkOptions(options);
  const kind: FileKind = fileKind(file) ?? 'text';
  if (!mayContainCredentials(text, options.patternsOnly === true ? 'text' : kind))
    return { findings: [], skipped: true };
  const input: FileInput = {
    file,
    text,
    lines: new LineIndex(text),
    testPath: isTestPath(file),
    context: textContext(text),
    options,
  };
  if (kind === 'text') return { findings: patterns(input, TEXT_ORIGIN[textFlavour(file) ?? 'config']) };
  if (options.patternsOnly === true) return { findings: patterns(input, 'unparsed') };
  if (kind === 'markup') return analyzeMarkup(input);
  return analyzeCode(input, text);
}
