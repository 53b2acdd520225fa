import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

// Per package directory: the files its `package.json` and `index.html` hand to browsers. Small, and
// only built for the few files whose findings depend on it.
const entriesByPackage = new Map<string, ReadonlySet<string>>();

const SCRIPT_SRC = /<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi;

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Files named by `browser` (a string, or the values of its replacement map) and by `index.html`. */
function browserEntries(dir: string): ReadonlySet<string> {
  const known = entriesByPackage.get(dir);
  if (known !== undefined) return known;
  const entries = new Set<string>();
  try {
    const browser = (JSON.parse(readText(join(dir, 'package.json')) ?? '{}') as { browser?: unknown })
      .browser;
    const named =
      typeof browser === 'string'
        ? [browser]
        : typeof browser === 'object' && browser !== null
          ? Object.values(browser).filter((v): v is string => typeof v === 'string')
          : [];
    for (const file of named) entries.add(resolve(dir, file));
  } catch {
    // A package.json that does not parse names nothing.
  }
  // A bundler's HTML entry (Vite, Parcel): `<script type="module" src="/src/main.ts">`.
  for (const m of (readText(join(dir, 'index.html')) ?? '').matchAll(SCRIPT_SRC)) {
    const src = m[1] ?? '';
    if (!/^[a-z]+:|^\/\//i.test(src)) entries.add(resolve(dir, src.replace(/^\//, '')));
  }
  entriesByPackage.set(dir, entries);
  return entries;
}

/**
 * Whether the nearest package above `path` (inside one of `roots`) sends `path` to browsers: its
 * `package.json` `browser` field names it, or its `index.html` loads it as a script.
 */
export function isBrowserEntry(file: string, roots: readonly string[]): boolean {
  let path: string;
  try {
    path = realpathSync(file);
  } catch {
    return false;
  }
  const root = roots.find((r) => path.startsWith(r.endsWith(sep) ? r : r + sep));
  if (root === undefined) return false;
  for (let dir = dirname(path); dir.startsWith(root); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return browserEntries(dir).has(path);
    if (dir === root || dirname(dir) === dir) break;
  }
  return false;
}
