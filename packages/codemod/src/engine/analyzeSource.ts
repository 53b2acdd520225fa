import type { Finding } from '../Finding.js';
import { analyzeScopes } from './analyzeScopes.js';
import { type FileKind, fileKind } from './fileKind.js';
import { generatedFinding, hitFinding } from './hitFinding.js';
import type { KeyHit } from './KeyHit.js';
import { findKeyIds } from './keyPatterns.js';
import { LineIndex } from './LineIndex.js';
import { parseCode } from './parseCode.js';
import { isTestPath } from './pathContext.js';
import { mayContainCredentials } from './prefilter.js';
import { scanLiterals } from './scanLiterals.js';
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

function bySource(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
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
  const scopes = analyzeScopes(parsed.program);
  const { hits, generated } = scanLiterals(scopes, context);
  const commentHits = parsed.comments.flatMap((c) =>
    scanText(text.slice(c.start, c.end), c.start, 'comment', context),
  );
  const covered = [...hits, ...commentHits];
  // Anything the AST missed (JSX text, regex literals): the raw pattern still catches key ids.
  for (const m of findKeyIds(text)) {
    if (
      !covered.some((h) => h.start <= m.index && m.index < h.end) &&
      !parsed.comments.some((c) => c.start <= m.index && m.index < c.end)
    ) {
      covered.push({
        kind: 'key-id',
        value: m.value,
        start: m.index,
        end: m.index + m.value.length,
        origin: 'raw',
      });
    }
  }
  const findings: Finding[] = dedupe(covered).map((h) => hitFinding(h, file, lines, testPath));
  for (const g of generated) findings.push(generatedFinding(file, lines, g.start, g.end));
  return { findings: findings.sort(bySource) };
}

function dedupe(hits: KeyHit[]): KeyHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${h.start}:${h.kind}:${h.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
