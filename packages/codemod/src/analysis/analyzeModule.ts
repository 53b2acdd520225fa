import type { Program } from 'oxc-parser';
import { LineIndex } from '../engine/parse/LineIndex.js';
import { parseCode } from '../engine/parse/parseCode.js';
import { analyzeScopes, type ScopeInfo } from '../engine/scope/analyzeScopes.js';

/** A parsed module with its scope analysis, or where parsing stopped. */
export type AnalyzedModule =
  | { ok: true; file: string; program: Program; scopes: ScopeInfo; lines: LineIndex }
  | { ok: false; file: string; message: string; line: number; column: number };

/**
 * Parses one code file with the engine's oxc settings (language from the extension, CommonJS retry
 * for a top-level `return`) and resolves its scopes, the way the scanner sees it. Never throws: a
 * file with any parse error comes back as `ok: false` with the 1-based position of the first one.
 */
export function analyzeModule(file: string, text: string): AnalyzedModule {
  const lines = new LineIndex(text);
  const parsed = parseCode(file, text);
  if (!parsed.ok) return { ok: false, file, message: parsed.message, ...lines.position(parsed.offset) };
  return { ok: true, file, program: parsed.program, scopes: analyzeScopes(parsed.program), lines };
}
