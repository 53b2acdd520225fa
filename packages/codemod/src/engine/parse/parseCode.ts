import { type ParserOptions, type Program, parseSync, rawTransferSupported } from 'oxc-parser';
import { excessNesting, MAX_NESTING } from './excessNesting.js';
import { type CodeLang, codeLang } from './fileKind.js';

/** A parsed program, or the first error that stopped it. */
export type Parsed =
  | { ok: true; program: Program; comments: { type: string; value: string; start: number; end: number }[] }
  | { ok: false; message: string; offset: number };

/**
 * Parses a code file with oxc, choosing `lang` from the extension (`.js` with JSX on) and the
 * source type from `.mjs`/`.cjs`, so `.ts` casts and `.tsx` JSX both parse. Any error counts:
 * the engine never rewrites a file oxc had to recover from. A file nested deep enough to overflow
 * oxc's native stack (which would kill the process) is a parse failure without trying.
 */
export function parseCode(file: string, text: string): Parsed {
  const settings = codeLang(file) ?? { lang: 'jsx' as const, sourceType: 'unambiguous' as const };
  const deep = excessNesting(text, { typescript: settings.lang !== 'jsx' });
  if (deep !== undefined) {
    return {
      ok: false,
      message: `nested more than ${MAX_NESTING} levels deep, which would overflow the parser's stack`,
      offset: deep,
    };
  }
  const first = attempt(text, settings.lang, settings.sourceType);
  // `unambiguous` treats a file without import/export as a script, which still rejects the
  // top-level `return` that CommonJS modules may use: one retry as CommonJS.
  if (!first.ok && settings.sourceType === 'unambiguous' && /'return'/.test(first.message)) {
    const retry = attempt(text, settings.lang, 'commonjs');
    if (retry.ok) return retry;
  }
  return first;
}

const FILE_NAME: Record<CodeLang, string> = {
  jsx: 'input.jsx',
  ts: 'input.ts',
  tsx: 'input.tsx',
  dts: 'input.d.ts',
};

/**
 * oxc's raw transfer (Node >= 22 on 64-bit little-endian): the AST is read from one shared buffer
 * by generated JS instead of being sent as JSON and parsed again, about half the cost of a parse.
 * The eager form returns its buffer to oxc's cache before `parseSync` returns, so nothing needs
 * disposing (unlike `experimentalLazy`). On Node 20 the JSON path stays. Missing from oxc's
 * `ParserOptions` type in this version, hence the widening.
 */
const RAW_TRANSFER: { experimentalRawTransfer?: boolean } = rawTransferSupported()
  ? { experimentalRawTransfer: true }
  : {};

/** The options every parse uses (exported for the spec that compares both transfer paths). */
export function parserOptions(
  lang: CodeLang,
  sourceType: 'module' | 'commonjs' | 'unambiguous',
): ParserOptions {
  return { lang, sourceType, preserveParens: false, ...RAW_TRANSFER };
}

function attempt(text: string, lang: CodeLang, sourceType: 'module' | 'commonjs' | 'unambiguous'): Parsed {
  let result: ReturnType<typeof parseSync>;
  try {
    // oxc reads the language from the file name as well as `lang`; give it a name that agrees.
    result = parseSync(FILE_NAME[lang], text, parserOptions(lang, sourceType));
  } catch (e: unknown) {
    // Raw transfer builds the tree with recursive JS: a chain thousands deep (which oxc itself
    // parses in a loop) can run out of JS stack there.
    if (e instanceof RangeError) return { ok: false, message: 'too deeply nested to parse', offset: 0 };
    return { ok: false, message: e instanceof Error ? e.message : String(e), offset: 0 };
  }
  const error = result.errors.find((e) => e.severity === 'Error');
  if (error !== undefined) return { ok: false, message: error.message, offset: error.labels[0]?.start ?? 0 };
  return { ok: true, program: result.program, comments: result.comments };
}
