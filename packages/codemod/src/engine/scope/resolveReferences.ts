import { type AstNode, identifierName } from '../parse/AstNode.js';
import type { Binding, Scope } from './Binding.js';

/**
 * Identifiers the scope walk met, to resolve once every declaration is known (hoisted names and
 * later declarations too), as parallel arrays: one object per identifier would be most of the
 * garbage on a large file. `writes` holds the indexes of assignment targets.
 */
export interface PendingReferences {
  ids: AstNode[];
  scopes: Scope[];
  writes: Set<number>;
}

/**
 * Resolves each identifier through its scope chain: counts a write or records a read on its
 * binding and hands the pair to `bind`. Returns the identifiers nothing binds, by name (globals
 * such as `window`, `document`, a script-tag `AWS`).
 */
export function resolveReferences(
  pending: PendingReferences,
  bind: (id: AstNode, binding: Binding) => void,
): Map<string, AstNode[]> {
  const globals = new Map<string, AstNode[]>();
  for (let i = 0; i < pending.ids.length; i++) {
    const id = pending.ids[i] as AstNode;
    const name = identifierName(id);
    if (name === undefined) continue;
    let bound = false;
    for (let s: Scope | undefined = pending.scopes[i]; s !== undefined && !bound; s = s.parent) {
      const binding = s.bindings.get(name);
      if (binding === undefined) continue;
      bind(id, binding);
      if (pending.writes.has(i)) binding.writes += 1;
      else binding.reads.push(id);
      bound = true;
    }
    if (!bound) {
      const refs = globals.get(name);
      if (refs === undefined) globals.set(name, [id]);
      else refs.push(id);
    }
  }
  return globals;
}
