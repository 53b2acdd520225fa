import MagicString from 'magic-string';
import type { Finding } from '../Finding.js';
import { analyzeScopes } from './analyzeScopes.js';
import type { ClassifyContext } from './classifyValue.js';
import { type FileKind, fileKind } from './fileKind.js';
import { findClientSites } from './findClientSites.js';
import { findConfigSites } from './findConfigSites.js';
import { findOtherSites } from './findOtherSites.js';
import { followImport } from './followImport.js';
import { generatedFinding, hitFinding } from './hitFinding.js';
import { isBrowserCode } from './isBrowserCode.js';
import { anyEndpoint, type FileFacts, judgeSite, MINTING_CALLS } from './judgeSite.js';
import type { KeyHit } from './KeyHit.js';
import { findKeyIds } from './keyPatterns.js';
import { LineIndex } from './LineIndex.js';
import type { Edit } from './listEdits.js';
import { parseCode } from './parseCode.js';
import { isTestPath } from './pathContext.js';
import { type PlannedSite, planFixes } from './planFixes.js';
import { mayContainCredentials } from './prefilter.js';
import type { Site } from './Site.js';
import { scanLiterals } from './scanLiterals.js';
import { scanText, textContext } from './scanText.js';
import { siteFinding } from './siteFinding.js';

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
  const allHits = dedupe([...hits, ...commentHits]);
  // Anything the AST missed (JSX text, regex literals): the raw pattern still catches key ids.
  for (const m of findKeyIds(text)) {
    const seen = allHits.some((h) => h.start <= m.index && m.index < h.end);
    if (!seen)
      allHits.push({ kind: 'key-id', value: m.value, start: m.index, end: m.index + 20, origin: 'raw' });
  }

  const ctx: ClassifyContext = { scopes, follow: followImport(file, options.readModule) };
  const primary = [...findClientSites(ctx), ...findConfigSites(ctx)];
  const consumed = primary.flatMap(siteRanges);
  const sites = [...primary, ...findOtherSites(ctx, consumed)].sort((a, b) => a.node.start - b.node.start);
  const facts: FileFacts = {
    browser: isBrowserCode(parsed.program, scopes),
    testPath,
    endpointInFile: anyEndpoint(sites),
    mintsKeys: MINTING_CALLS.test(text),
  };
  const planned: PlannedSite[] = [];
  for (const site of sites) {
    const judgement = judgeSite(site, facts);
    if (judgement !== undefined) planned.push({ site, judgement, blocker: judgement.blocker });
  }

  const target = options.target ?? 'keyless';
  let output: string | undefined;
  if (options.fix === true) {
    const edits = planFixes(text, parsed.program, scopes, file, target, planned);
    output = applyEdits(text, edits);
    if (output !== undefined && !parseCode(file, output).ok) {
      // Never hand back code that does not parse: report instead of rewriting.
      output = undefined;
      for (const item of planned) item.blocker ??= 'The rewrite would not re-parse; fix this by hand';
    }
  } else {
    // Without fix, still tell the truth about fixability: plan the edits and throw them away.
    planFixes(text, parsed.program, scopes, file, target, planned);
  }

  const claimed = new Set<KeyHit>();
  for (const { site, judgement } of planned) {
    const ranges = claimRanges(site);
    let keyClaimed = false;
    for (const hit of allHits) {
      if (!ranges.some((r) => r.start <= hit.start && hit.end <= r.end)) continue;
      if (hit.kind !== 'key-id') claimed.add(hit);
      else if (!keyClaimed && hit.value === judgement.keyId) {
        claimed.add(hit);
        keyClaimed = true;
      }
    }
  }
  const findings: Finding[] = [
    ...planned.map((p) => siteFinding(p.site, p.judgement, p.blocker, target, file, lines)),
    ...allHits.filter((h) => !claimed.has(h)).map((h) => hitFinding(h, file, lines, testPath)),
    ...generated.map((g) => generatedFinding(file, lines, g.start, g.end)),
  ];
  return { findings: findings.sort(bySource), ...(output !== undefined && { output }) };
}

function applyEdits(text: string, edits: Edit[]): string | undefined {
  if (edits.length === 0) return undefined;
  const s = new MagicString(text);
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (e.start === e.end) s.appendLeft(e.start, e.text);
    else if (e.text === '') s.remove(e.start, e.end);
    else s.overwrite(e.start, e.end, e.text);
  }
  const out = s.toString();
  return out === text ? undefined : out;
}

/** Text a site owns: its value expressions and the constants they were read through. */
function siteRanges(site: Site): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [site.node, ...site.values.map((v) => v.node)];
  if (site.options !== undefined) ranges.push(site.options);
  if (site.credentialsExpr !== undefined) ranges.push(site.credentialsExpr);
  for (const h of site.holders) if (h.declarator !== undefined) ranges.push(h.declarator);
  return ranges;
}

function claimRanges(site: Site): { start: number; end: number }[] {
  const ranges = siteRanges(site);
  for (const v of site.values) {
    for (const s of v.sources) {
      if (s.kind !== 'literal') continue;
      for (const b of s.bindings) if (b.declarator !== undefined) ranges.push(b.declarator);
    }
  }
  return ranges;
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
