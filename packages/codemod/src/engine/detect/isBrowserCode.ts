import type { Program } from 'oxc-parser';
import type { AstNode } from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import { requireSource } from '../scope/resolveModuleRef.js';

/** Modules that only run in a browser or on a phone (or mark UI code that gets bundled for one). */
const CLIENT_MODULES =
  /^(react|react-dom(\/.*)?|react-native(-.*)?|expo(-.*)?|@env|vue|svelte|@angular\/.*|next\/(router|navigation|link|image))$/;

/**
 * Globals only a browser has (Node 20+ has `fetch`, `Blob`, `URL`, `navigator`, so those say
 * nothing). Read as a free identifier they mark a front-end file.
 */
const DOM_GLOBALS = new Set([
  'window',
  'document',
  'FileReader',
  'localStorage',
  'sessionStorage',
  'XMLHttpRequest',
  'DOMParser',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLFormElement',
  'alert',
  'confirm',
  'requestAnimationFrame',
  'customElements',
  'indexedDB',
  '$',
  'jQuery',
]);

/** Folders whose scripts a web server hands to browsers as they are. */
const BROWSER_DIRS = /(?:^|[\\/])(?:public|static|www|wwwroot|htdocs|frontend|browser)[\\/]/i;

/** Whether `id` is only felt for (`typeof window !== 'undefined'`), which isomorphic code does. */
function probed(id: AstNode, scopes: ScopeInfo): boolean {
  const parent = scopes.parentOf(id);
  return parent?.type === 'UnaryExpression' && parent.operator === 'typeof';
}

/** A free read of a DOM global, not just a `typeof` probe. */
function usesDom(scopes: ScopeInfo): boolean {
  for (const [name, refs] of scopes.globals) {
    if (DOM_GLOBALS.has(name) && refs.some((id) => !probed(id, scopes))) return true;
  }
  return false;
}

/**
 * Whether a file is browser or mobile code: a `'use client'` directive, an import of a UI runtime
 * (React, React Native, Expo, Vue, Svelte, Angular), JSX, a read of a browser-only global
 * (`document`, `window`, `FileReader`, `localStorage`, jQuery…), or a path under a folder served to
 * browsers as is (`public/`, `static/`, `www/`…). Keys there are public by construction and no
 * instance role exists, so findings are high severity and never rewritten.
 */
export function isBrowserCode(file: string, program: Program, scopes: ScopeInfo): boolean {
  if (BROWSER_DIRS.test(file) || usesDom(scopes)) return true;
  const body = program.body;
  if (body.some((s) => 'directive' in s && s.directive === 'use client')) return true;
  if (scopes.nodesOfType('JSXElement').length > 0 || scopes.nodesOfType('JSXFragment').length > 0)
    return true;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && CLIENT_MODULES.test(stmt.source.value)) return true;
  }
  return scopes.nodesOfType('CallExpression').some((call) => {
    const source = requireSource(call, scopes);
    return source !== undefined && CLIENT_MODULES.test(source);
  });
}
