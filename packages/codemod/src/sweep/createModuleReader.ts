import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
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

/**
 * The engine's `readModule` hook: resolves a relative import of `fromFile` (a path relative to
 * `cwd`) to a file on disk and returns its text, with the same kind of relative path. Package
 * imports, unreadable and oversized files resolve to `undefined`: following an import is a bonus,
 * never a reason to fail. Reads are recorded in `seen` so the caller can mask and ignore-check
 * findings the engine reports in the imported file.
 */
export function createModuleReader(cwd: string, seen: Map<string, string>) {
  return (fromFile: string, specifier: string): { file: string; text: string } | undefined => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
    const base = resolve(cwd, dirname(fromFile), specifier);
    for (const path of candidates(base)) {
      try {
        const info = statSync(path, { throwIfNoEntry: false });
        if (info === undefined || !info.isFile() || info.size > MAX_MODULE_BYTES) continue;
        const file = toPosixPath(relative(cwd, path));
        const text = seen.get(file) ?? readFileSync(path, 'utf8');
        seen.set(file, text);
        return { file, text };
      } catch {
        // Unreadable: try the next candidate; the file itself is reported when it is swept.
      }
    }
    return undefined;
  };
}
