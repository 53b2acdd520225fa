import { type AstNode, children } from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import { requireSource } from '../scope/resolveModuleRef.js';

/** Modules that only run in a browser or on a phone (or mark UI code that gets bundled for one). */
const CLIENT_MODULES =
  /^(react|react-dom(\/.*)?|react-native(-.*)?|expo(-.*)?|@env|vue|svelte|@angular\/.*|next\/(router|navigation|link|image))$/;

/**
 * Whether a file is browser or mobile code: a `'use client'` directive, an import of a UI runtime
 * (React, React Native, Expo, Vue, Svelte, Angular), or JSX. Keys there are public by
 * construction and no instance role exists, so findings are high severity and never rewritten.
 */
export function isBrowserCode(program: AstNode, scopes: ScopeInfo): boolean {
  const body = children(program, 'body');
  if (body.some((s) => s.directive === 'use client')) return true;
  if (scopes.nodesOfType('JSXElement').length > 0 || scopes.nodesOfType('JSXFragment').length > 0)
    return true;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration') {
      const source = (stmt.source as { value?: unknown } | undefined)?.value;
      if (typeof source === 'string' && CLIENT_MODULES.test(source)) return true;
    }
  }
  return scopes.nodesOfType('CallExpression').some((call) => {
    const source = requireSource(call, scopes);
    return source !== undefined && CLIENT_MODULES.test(source);
  });
}
