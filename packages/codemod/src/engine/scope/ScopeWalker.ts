import type { AstNode } from '../parse/AstNode.js';
import type { Binding, Scope } from './Binding.js';

/** What a declaration says of its binding: its kind, and its initialiser, import, … when known. */
export type BindingFields = Pick<Binding, 'kind'> &
  Partial<Omit<Binding, 'name' | 'id' | 'reads' | 'writes'>>;

/** What the per-construct visitors of the scope walk call back into (see `ScopeWalk`). */
export interface ScopeWalker {
  /** Records `node`'s parent and collects it for `nodesOfType`. */
  note(node: AstNode, parent: AstNode | undefined): void;
  /** Declares the name of `id` in `scope`; a name already there only counts one more write. */
  declare(scope: Scope, id: AstNode, fields: BindingFields): void;
  /** Walks a node that holds values: declarations, reads and writes. */
  visit(node: AstNode, parent: AstNode | undefined, scope: Scope): void;
  /** Visits each child of `node`, walking type fields as types. */
  visitChildren(node: AstNode, scope: Scope): void;
  /** Walks a node that holds types only: nothing but `typeof x` reads a value there. */
  typeWalk(node: AstNode, parent: AstNode, scope: Scope): void;
  reference(id: AstNode, scope: Scope, write: boolean): void;
}

/** A new block, function or module scope inside `parent`. */
export function innerScope(parent: Scope, fn: boolean): Scope {
  return { parent, fn, bindings: new Map() };
}
