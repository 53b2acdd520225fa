/**
 * How the engine reads a file: parsed as code, its script blocks parsed as code (`markup`: Vue,
 * Svelte, Astro, HTML, PHP), scanned as text, or not at all.
 */
export type FileKind = 'code' | 'markup' | 'text';

/** What a text file is, for the wording of its findings. */
export type TextFlavour = 'config' | 'script' | 'document';

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

const MARKUP_EXTENSIONS = new Set(['vue', 'svelte', 'astro', 'html', 'htm', 'xhtml', 'php']);

/** Text files by extension, and what they are. */
const TEXT_EXTENSIONS = new Map<string, TextFlavour>([
  ...['env', 'json', 'jsonc', 'json5', 'yaml', 'yml', 'ini', 'cfg', 'conf', 'properties', 'toml'].map(
    (e) => [e, 'config'] as const,
  ),
  ...['tf', 'tfvars', 'hcl', 'npmrc', 'xml', 'plist'].map((e) => [e, 'config'] as const),
  // Shell, PowerShell and batch scripts, Dockerfiles and Makefiles: keys exported or passed to the CLI.
  ...['sh', 'bash', 'zsh', 'ksh', 'fish', 'ps1', 'psm1', 'bat', 'cmd', 'dockerfile', 'mk'].map(
    (e) => [e, 'script'] as const,
  ),
  // Notes and notebooks: keys pasted into a README, a runbook or a Jupyter cell.
  ...['md', 'markdown', 'mdx', 'txt', 'rst', 'adoc', 'org', 'ipynb', 'log'].map(
    (e) => [e, 'document'] as const,
  ),
]);

/** Basenames without a telling extension that hold keys in the wild. */
const TEXT_BASENAMES = new Map<string, TextFlavour>([
  ['credentials', 'config'], // ~/.aws/credentials
  ['config', 'config'], // ~/.aws/config
  ['dockerfile', 'script'],
  ['containerfile', 'script'],
  ['makefile', 'script'],
  ['jenkinsfile', 'script'],
  ['procfile', 'script'],
  ['.bashrc', 'script'],
  ['.bash_profile', 'script'],
  ['.zshrc', 'script'],
  ['.profile', 'script'],
  ['.envrc', 'script'],
  ['.npmrc', 'config'],
  ['.netrc', 'config'],
]);

function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return path.slice(slash + 1);
}

function extension(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind of a text file, or `undefined` when the path is not one. */
export function textFlavour(path: string): TextFlavour | undefined {
  const lower = baseName(path).toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return 'config';
  // `Dockerfile.prod`, `prod.Dockerfile`
  if (lower.startsWith('dockerfile.') || lower.startsWith('containerfile.')) return 'script';
  return TEXT_BASENAMES.get(lower) ?? TEXT_EXTENSIONS.get(extension(lower));
}

/**
 * Classifies a path by its name alone: `'code'` for JS/JSX/TS/TSX/MJS/CJS/MTS/CTS (parsed with oxc),
 * `'markup'` for Vue, Svelte, Astro, HTML and PHP (their script blocks parsed with oxc, the rest
 * scanned as text), `'text'` for config files, scripts, Dockerfiles, notes and notebooks (scanned
 * by key patterns), `undefined` for anything the engine does not scan.
 */
export function fileKind(path: string): FileKind | undefined {
  const ext = extension(baseName(path));
  if (Object.hasOwn(CODE_LANG, ext)) return 'code';
  if (MARKUP_EXTENSIONS.has(ext)) return 'markup';
  return textFlavour(path) === undefined ? undefined : 'text';
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
