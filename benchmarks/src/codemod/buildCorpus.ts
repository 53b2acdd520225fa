import { copyFile, link, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
import { generateAwsFiles } from './generateAwsFiles.js';

/** The files every codemod tool gets, and their totals. */
export interface Corpus {
  dir: string;
  files: number;
  bytes: number;
  byExtension: Record<string, number>;
  fromNodeModules: number;
  generated: number;
}

export const CODE_EXTENSIONS = ['js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'mts', 'cts'] as const;
const CODE = new Set<string>(CODE_EXTENSIONS.map((e) => `.${e}`));
/** keyless skips bigger files as generated bundles; leaving them out keeps the file set identical. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Directory names code scanners skip by default; renamed in the copy so every tool reads every file. */
const SKIPPED_BY_SCANNERS = new Set([
  'node_modules',
  'dist',
  'build',
  'dest',
  'out',
  'coverage',
  'bower_components',
]);

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Symlinks are skipped: workspace links would pull this repo's own packages in.
    if (entry.isDirectory() && entry.name !== '.bin' && entry.name !== '.cache')
      yield* walk(join(dir, entry.name));
    else if (entry.isFile() && CODE.has(extname(entry.name)) && !/\.min\.[cm]?js$/.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

function corpusPath(rel: string): string {
  const parts = rel.split(sep);
  const name = parts.pop() ?? '';
  return join(...parts.map((p) => (SKIPPED_BY_SCANNERS.has(p) || p.startsWith('.') ? `${p}_` : p)), name);
}

/**
 * Builds the corpus in `dir` (outside any git work tree, so no tool filters it through .gitignore):
 * the JS/TS files under `nodeModules` (every `step`-th in path order when `limit` asks for fewer, so the
 * sample is the same on every run), hard-linked where possible, plus `generated` AWS-heavy files.
 */
export async function buildCorpus(
  nodeModules: string,
  dir: string,
  limit: number,
  generated: number,
): Promise<Corpus> {
  const all: string[] = [];
  for await (const file of walk(nodeModules)) all.push(file);
  all.sort();
  const step = limit > 0 && all.length > limit ? all.length / limit : 1;
  const corpus: Corpus = { dir, files: 0, bytes: 0, byExtension: {}, fromNodeModules: 0, generated: 0 };
  const add = (file: string, size: number) => {
    const ext = extname(file).slice(1);
    corpus.files++;
    corpus.bytes += size;
    corpus.byExtension[ext] = (corpus.byExtension[ext] ?? 0) + 1;
  };
  for (let i = 0; i < all.length && (limit <= 0 || corpus.fromNodeModules < limit); i += step) {
    const source = all[Math.floor(i)] as string;
    const info = await stat(source);
    if (info.size === 0 || info.size > MAX_FILE_BYTES) continue;
    const target = join(dir, 'nm', corpusPath(relative(nodeModules, source)));
    await mkdir(dirname(target), { recursive: true });
    await link(source, target).catch(() => copyFile(source, target));
    add(target, info.size);
    corpus.fromNodeModules++;
  }
  for (const file of await generateAwsFiles(join(dir, 'aws'), generated)) {
    add(file, (await stat(file)).size);
    corpus.generated++;
  }
  return corpus;
}
