import { parseSync } from 'oxc-parser';
import type { AstNode } from './AstNode.js';
import { codeLang } from './fileKind.js';

/** A parsed program, or the first error that stopped it. */
export type Parsed =
  | { ok: true; program: AstNode; comments: { type: string; value: string; start: number; end: number }[] }
  | { ok: false; message: string; offset: number };

/**
 * Parses a code file with oxc, choosing `lang` from the extension (`.js` with JSX on) and the
 * source type from `.mjs`/`.cjs`, so `.ts` casts and `.tsx` JSX both parse. Any error counts:
 * the engine never rewrites a file oxc had to recover from.
 */
export function parseCode(file: string, text: string): Parsed {
  const settings = codeLang(file) ?? { lang: 'jsx' as const, sourceType: 'unambiguous' as const };
  // oxc picks TS vs JS from the file name as well as `lang`; give it a name that agrees.
  const name = `input.${settings.lang}`;
  let result: ReturnType<typeof parseSync>;
  try {
    result = parseSync(name, text, { ...settings, preserveParens: false });
  } catch (e: unknown) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), offset: 0 };
  }
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error !== undefined) return { ok: false, message: error.message, offset: error.labels[0]?.start ?? 0 };
  return { ok: true, program: result.program as unknown as AstNode, comments: result.comments };
}
