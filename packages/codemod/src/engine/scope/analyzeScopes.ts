import { type AstNode, children } from '../parse/AstNode.js';
import type { ScopeInfo } from './Binding.js';
import { ScopeWalk } from './ScopeWalk.js';

export type { Binding, BindingKind, ScopeInfo } from './Binding.js';

/**
 * A small scope resolver over an oxc program: block, function, catch and module scopes, `var`
 * hoisting, parameters with defaults, imports (including `import x = require()`), destructuring.
 * It resolves after the walk, so hoisted names and later declarations resolve too. Unresolved
 * names (`require`, `process`, a global `AWS`) have no binding. Each construct's handling is its
 * visitor in `scopeVisitors.ts`; `ScopeWalk` holds the walk's state.
 */
export function analyzeScopes(program: AstNode): ScopeInfo {
  const walk = new ScopeWalk();
  walk.note(program, undefined);
  for (const stmt of children(program, 'body')) walk.visit(stmt, program, walk.moduleScope);
  return walk.info();
}
