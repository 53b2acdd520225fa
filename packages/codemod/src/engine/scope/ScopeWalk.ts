import { type AstNode, asNode, forEachChild, identifierName } from '../parse/AstNode.js';
import type { Binding, Scope, ScopeInfo } from './Binding.js';
import { COLLECTED, isStringCandidate, STRINGS } from './collectedNodes.js';
import { type PendingReferences, resolveReferences } from './resolveReferences.js';
import type { BindingFields, ScopeWalker } from './ScopeWalker.js';
import { SCOPE_VISITORS } from './scopeVisitors.js';
import { TYPE_FIELDS } from './typeFields.js';

/** Where each node's parent, and each identifier's binding, is kept: fields on the nodes are much
 * cheaper than Map entries on ASTs of millions of nodes, and symbols never show up as AST fields. */
const PARENT = Symbol('parent');
const BINDING = Symbol('binding');

/** A node as the walk leaves it: oxc's fields plus the two the walk adds. */
type Annotated = AstNode & { [PARENT]?: AstNode; [BINDING]?: Binding };

const TYPE_DECLARATIONS = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction']);

/**
 * The state of one scope walk over a program: the declared bindings, the identifiers still to
 * resolve and the nodes collected by type. `visit` hands each node to its construct's visitor in
 * `SCOPE_VISITORS`; `info()` resolves the references once the walk is done.
 */
export class ScopeWalk implements ScopeWalker {
  readonly moduleScope: Scope = { parent: undefined, fn: true, bindings: new Map() };
  readonly #collected = new Map<string, AstNode[]>();
  // References to resolve once every declaration is known, as parallel arrays: one object per
  // identifier would be most of the garbage on a large file.
  readonly #pending: PendingReferences = { ids: [], scopes: [], writes: new Set() };
  readonly #all: Binding[] = [];

  note(node: AstNode, parent: AstNode | undefined): void {
    if (parent !== undefined) (node as Annotated)[PARENT] = parent;
    if (isStringCandidate(node)) this.#collect(STRINGS, node);
    if (COLLECTED.has(node.type)) this.#collect(node.type, node);
  }

  #collect(key: string, node: AstNode): void {
    const list = this.#collected.get(key);
    if (list === undefined) this.#collected.set(key, [node]);
    else list.push(node);
  }

  declare(scope: Scope, id: AstNode, fields: BindingFields): void {
    const name = identifierName(id);
    if (name === undefined) return;
    const existing = scope.bindings.get(name);
    // `var x; var x = 1` and function/var redeclarations share one binding.
    if (existing !== undefined) {
      existing.writes += 1;
      return;
    }
    const binding: Binding = {
      name,
      id,
      exported: false,
      reads: [],
      writes: 0,
      moduleLevel: scope === this.moduleScope,
      ...fields,
    };
    scope.bindings.set(name, binding);
    this.#all.push(binding);
  }

  reference(id: AstNode, scope: Scope, write: boolean): void {
    const pending = this.#pending;
    if (write) pending.writes.add(pending.ids.length);
    pending.ids.push(id);
    pending.scopes.push(scope);
  }

  typeWalk(loose: AstNode, parent: AstNode, scope: Scope): void {
    this.note(loose, parent);
    const node = asNode(loose);
    if (node.type === 'TSTypeQuery') {
      let name = node.exprName;
      while (name.type === 'TSQualifiedName') name = name.left;
      if (name.type === 'Identifier') this.reference(name, scope, false);
      return;
    }
    forEachChild(node, (c) => this.typeWalk(c, node, scope));
  }

  visit(node: AstNode, parent: AstNode | undefined, scope: Scope): void {
    this.note(node, parent);
    const visitor = SCOPE_VISITORS.get(node.type);
    if (visitor !== undefined) visitor(this, node, scope);
    else if (TYPE_DECLARATIONS.has(node.type) || (node.type.startsWith('TS') && node.type.endsWith('Type')))
      this.typeWalk(node, parent ?? node, scope);
    else this.visitChildren(node, scope);
  }

  visitChildren(node: AstNode, scope: Scope): void {
    forEachChild(node, (c, field) => {
      if (TYPE_FIELDS.has(field)) this.typeWalk(c, node, scope);
      else this.visit(c, node, scope);
    });
  }

  /** The scope facts, once the whole program has been visited. */
  info(): ScopeInfo {
    const globals = resolveReferences(this.#pending, (id, binding) => {
      (id as Annotated)[BINDING] = binding;
    });
    const collected = this.#collected;
    return {
      bindingOf: (id) => (id as Annotated)[BINDING],
      parentOf: (node) => (node as Annotated)[PARENT],
      moduleBindings: this.moduleScope.bindings,
      allBindings: this.#all,
      globals,
      // The walk files each node under its own `type`, which is what the typed overload promises.
      nodesOfType: ((type: string) => collected.get(type) ?? []) as ScopeInfo['nodesOfType'],
    };
  }
}
