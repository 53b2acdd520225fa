import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ModuleBase } from '../engine/AnalyzeOptions.js';
import { decodeText } from './decodeText.js';
import { toPosixPath } from './toPosixPath.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const INDEXES = ['/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];
// TypeScript ESM imports name the emitted file: `./config.js` is `./config.ts` on disk.
const EMITTED: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const MAX_MODULE_BYTES = 256 * 1024;

/**
 * The paths a relative import of `base` (the specifier joined to the importing file's directory) may
 * name on disk, in the order they are tried: the path itself, with each code extension, as a
 * directory's index, and the TypeScript source of an emitted `.js`/`.mjs`/`.cjs` name.
 */
export function importCandidates(base: string): string[] {
  const out = [...EXTENSIONS.map((e) => base + e), ...INDEXES.map((i) => base + i)];
  for (const [emitted, sources] of Object.entries(EMITTED)) {
    if (base.endsWith(emitted)) out.push(...sources.map((s) => base.slice(0, -emitted.length) + s));
  }
  return out;
}

/**
 * The directory an app is most likely started from, which is what a `loadFromPath` argument is
 * relative to: the nearest one with a `package.json` at or above `dir`, inside the swept trees,
 * else the swept tree `dir` is in.
 */
function appDirectory(dir: string, roots: readonly string[]): string | undefined {
  const root = roots.find((r) => inside(dir, [r]));
  if (root === undefined) return undefined;
  for (let d = dir; inside(d, [root]); d = dirname(d)) {
    if (existsSync(join(d, 'package.json'))) return d;
    if (d === root) break;
  }
  return root;
}

function inside(path: string, roots: readonly string[]): boolean {
  return roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
}

/**
 * The engine's `readModule` hook: resolves a relative import of `fromFile` (a path relative to
 * `cwd`) to a file on disk and returns its text, with the same kind of relative path. Only files
 * inside `roots` (the real paths of the directories being swept) are read, symlinks resolved, so
 * `require('../../../etc/app.json')` never leaves the tree the user pointed at. Package imports,
 * unreadable, outside and oversized files resolve to `undefined`: following an import is a bonus,
 * never a reason to fail. Reads are recorded in `seen` so the caller can mask and ignore-check
 * findings the engine reports in the imported file.
 */
export function createModuleReader(cwd: string, roots: readonly string[], seen: Map<string, string>) {
  return (
    fromFile: string,
    specifier: string,
    from: ModuleBase = 'file',
  ): { file: string; text: string } | undefined => {
    let base: string;
    if (from === 'cwd') {
      let dir: string | undefined;
      try {
        dir = appDirectory(realpathSync(resolve(cwd, dirname(fromFile))), roots);
      } catch {
        return undefined;
      }
      if (dir === undefined) return undefined;
      base = resolve(dir, specifier);
    } else if (specifier.startsWith('./') || specifier.startsWith('../')) {
      base = resolve(cwd, dirname(fromFile), specifier);
    } else {
      return undefined;
    }
    for (const path of from === 'cwd' ? [base] : importCandidates(base)) {
      try {
        const info = statSync(path, { throwIfNoEntry: false });
        if (info === undefined || !info.isFile() || info.size > MAX_MODULE_BYTES) continue;
        // Reported (and deduplicated) where it really is, like a swept file.
        const real = realpathSync(path);
        if (!inside(real, roots)) return undefined;
        const file = toPosixPath(relative(cwd, real));
        const text = seen.get(file) ?? decodeText(readFileSync(real)).text;
        seen.set(file, text);
        return { file, text };
      } catch {
        // Unreadable: try the next candidate; the file itself is reported when it is swept.
      }
    }
    return undefined;
  };
}
