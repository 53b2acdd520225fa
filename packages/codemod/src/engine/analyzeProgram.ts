import MagicString from 'magic-string';
import type { Program } from 'oxc-parser';
import type { Finding } from '../Finding.js';
import type { AnalyzeOptions, AnalyzeResult } from './AnalyzeOptions.js';
import type { ClassifyContext } from './detect/classifyValue.js';
import { followImport } from './detect/followImport.js';
import { generatedFinding, hitFinding } from './detect/hitFinding.js';
import { isBrowserCode } from './detect/isBrowserCode.js';
import type { KeyHit } from './detect/KeyHit.js';
import { findKeyIds } from './detect/keyPatterns.js';
import { scanLiterals } from './detect/scanLiterals.js';
import { scanText, type TextContext } from './detect/scanText.js';
import type { Edit } from './fix/listEdits.js';
import { type PlannedSite, planFixes } from './fix/planFixes.js';
import type { LineIndex } from './parse/LineIndex.js';
import { parseCode } from './parse/parseCode.js';
import { analyzeScopes } from './scope/analyzeScopes.js';
import { findClientSites } from './sites/findClientSites.js';
import { findConfigSites } from './sites/findConfigSites.js';
import { findOtherSites } from './sites/findOtherSites.js';
import { anyEndpoint, type FileFacts, judgeSite, MINTING_CALLS } from './sites/judgeSite.js';
import type { Site } from './sites/Site.js';
import { siteFinding } from './sites/siteFinding.js';

/** A parsed code file and what `analyzeSource` already worked out about it. */
export interface ProgramInput {
  file: string;
  text: string;
  program: Program;
  comments: { start: number; end: number }[];
  lines: LineIndex;
  testPath: boolean;
  context: TextContext;
  options: AnalyzeOptions;
  /**
   * A script block of a markup file (`text` is the file blanked around it): the language to
   * re-parse a rewrite with, and whether it runs in the browser whatever it imports.
   */
  block?: { parseAs: string; browser: boolean };
}

/**
 * The code path of `analyzeSource`: key patterns in strings and comments, the credential shapes,
 * their judgement, the planned rewrite (checked by re-parsing) and the findings, in source order.
 * A key claimed by a shape's finding is not reported again on its own.
 */
export function analyzeProgram(input: ProgramInput): AnalyzeResult {
  const { file, text, program, comments, lines, testPath, context, options, block } = input;
  const scopes = analyzeScopes(program);
  const { hits, generated } = scanLiterals(scopes, context);
  const commentHits = comments.flatMap((c) =>
    scanText(text.slice(c.start, c.end), { base: c.start, origin: 'comment', context }),
  );
  const allHits = dedupe([...hits, ...commentHits]).map((h) => atOwnText(h, text));
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
    browser: block?.browser === true || options.browser === true || isBrowserCode(file, program, scopes),
    testPath,
    endpointInFile: anyEndpoint(sites),
    mintsKeys: MINTING_CALLS.test(text),
    scopes,
  };
  const planned: PlannedSite[] = [];
  for (const site of sites) {
    const judgement = judgeSite(site, facts);
    if (judgement !== undefined) planned.push({ site, judgement, blocker: judgement.blocker });
  }

  // The edits are planned even without `fix`, so `fixable` means the same in both modes; only
  // `fix` applies them and re-parses the result (a rewrite that does not re-parse is a bug of
  // ours, which the scan need not pay to catch on every file).
  const target = options.target ?? 'keyless';
  const edits = planFixes({ file, text, program, scopes, target }, planned);
  let output = options.fix === true ? applyEdits(text, edits) : undefined;
  if (output !== undefined && !parseCode(block?.parseAs ?? file, output).ok) {
    // Never hand back code that does not parse: report instead of rewriting.
    output = undefined;
    for (const item of planned) item.blocker ??= 'The rewrite would not re-parse; fix this by hand';
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
    ...planned.map((p) => siteFinding(p, { file, text, lines, ...(options.history !== true && { target }) })),
    ...allHits.filter((h) => !claimed.has(h)).map((h) => hitFinding(h, input)),
    ...generated.map((g) => generatedFinding(g, input)),
  ];
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { findings, ...(output !== undefined && { output }) };
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
      // A key read through `this.field` is written at the field: the site's finding covers it.
      if (s.classField !== undefined) ranges.push(s.node);
      for (const b of s.bindings) if (b.declarator !== undefined) ranges.push(b.declarator);
    }
  }
  return ranges;
}

/**
 * A hit narrowed to where its value is written, when it is written out whole inside the literal
 * that held it: a key on line 3 of a multi-line template is reported on line 3. A key folded from
 * pieces keeps the whole expression.
 */
function atOwnText(hit: KeyHit, text: string): KeyHit {
  const at = text.indexOf(hit.value, hit.start);
  return at >= 0 && at + hit.value.length <= hit.end
    ? { ...hit, start: at, end: at + hit.value.length }
    : hit;
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
