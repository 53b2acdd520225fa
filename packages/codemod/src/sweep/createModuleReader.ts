import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { toPosixPath } from './toPosixPath.js';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];
const INDEXES = ['/index.ts', '/index.tsx', '/index.js', '/index.mjs', '/index.cjs'];
// TypeScript ESM imports name the emitted file: `./config.js` is `./config.ts` on disk.
const EMITTED: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };
const MAX_MODULE_BYTES = 256 * 1024;

function candidates(base: string): string[] {
  const out = [...EXTENSIONS.map((e) => base + e), ...INDEXES.map((i) => base + i)];
  for (const [emitted, sources] of Object.entries(EMITTED)) {
    if (base.endsWith(emitted)) out.push(...sources.map((s) => base.slice(0, -emitted.length) + s));
  }
  return out;
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
  return (fromFile: string, specifier: string): { file: string; text: string } | undefined => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
    const base = resolve(cwd, dirname(fromFile), specifier);
    for (const path of candidates(base)) {
      try {
        const info = statSync(path, { throwIfNoEntry: false });
        if (info === undefined || !info.isFile() || info.size > MAX_MODULE_BYTES) continue;
        // Reported (and deduplicated) where it really is, like a swept file.
        const real = realpathSync(path);
        if (!inside(real, roots)) return undefined;
        const file = toPosixPath(relative(cwd, real));
        const text = seen.get(file) ?? readFileSync(real, 'utf8');
        seen.set(file, text);
        return { file, text };
      } catch {
        // Unreadable: try the next candidate; the file itself is reported when it is swept.
      }
    }
    return undefined;
  };
}
