/** How the engine reads a file: parsed as code, scanned as text, or not at all. */
export type FileKind = 'code' | 'text';

/** The oxc `lang` for a code file. */
export type CodeLang = 'jsx' | 'ts' | 'tsx' | 'dts';

const CODE_LANG: Record<string, CodeLang> = {
  // Plain `.js` is parsed with JSX on: real repositories put JSX in `.js` files, and JSX is a
  // superset that costs nothing for files without it.
  js: 'jsx',
  jsx: 'jsx',
  mjs: 'jsx',
  cjs: 'jsx',
  ts: 'ts',
  mts: 'ts',
  cts: 'ts',
  // `.ts` and `.tsx` must stay apart: `<T>x` casts are only valid in `.ts`.
  tsx: 'tsx',
};

const TEXT_EXTENSIONS = new Set([
  'env',
  'json',
  'jsonc',
  'json5',
  'yaml',
  'yml',
  'ini',
  'cfg',
  'conf',
  'properties',
  'toml',
  'tf',
  'tfvars',
  'hcl',
]);

/** Basenames without a telling extension that hold keys in the wild (`~/.aws/credentials`). */
const TEXT_BASENAMES = new Set(['credentials']);

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

function extension(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * Classifies a path by its name alone: `'code'` for JS/JSX/TS/TSX/MJS/CJS/MTS/CTS (parsed with oxc),
 * `'text'` for `.env*`, JSON, YAML, ini, properties and Terraform (scanned by key patterns),
 * `undefined` for anything the engine does not scan.
 */
export function fileKind(path: string): FileKind | undefined {
  const base = baseName(path);
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'text';
  if (TEXT_BASENAMES.has(lower)) return 'text';
  const ext = extension(base);
  if (ext in CODE_LANG) return 'code';
  if (TEXT_EXTENSIONS.has(ext)) return 'text';
  return undefined;
}

/** The oxc parse settings for a code path; `undefined` when the path is not code. */
export function codeLang(
  path: string,
): { lang: CodeLang; sourceType: 'module' | 'commonjs' | 'unambiguous' } | undefined {
  const base = baseName(path);
  const ext = extension(base);
  let lang = CODE_LANG[ext];
  if (lang === undefined) return undefined;
  // Declaration files allow `const x: T;` and friends that implementation files reject.
  if (/\.d\.[cm]?ts$/i.test(base)) lang = 'dts';
  if (ext === 'mjs' || ext === 'mts') return { lang, sourceType: 'module' };
  if (ext === 'cjs' || ext === 'cts') return { lang, sourceType: 'commonjs' };
  return { lang, sourceType: 'unambiguous' };
}
