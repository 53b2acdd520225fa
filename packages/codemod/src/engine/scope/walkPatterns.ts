import { type AstNode, child, children, forEachChild, isNode, propertyKeyName } from '../parse/AstNode.js';
import type { Binding, BindingKind, Scope } from './Binding.js';

/** What the pattern walkers need from the scope walker that calls them. */
export interface ScopeWalker {
  note(node: AstNode, parent: AstNode | undefined): void;
  declare(scope: Scope, id: AstNode, kind: BindingKind, extra?: Partial<Binding>): void;
  visit(node: AstNode, parent: AstNode | undefined, scope: Scope): void;
  typeWalk(node: AstNode, parent: AstNode, scope: Scope): void;
  reference(id: AstNode, scope: Scope, write: boolean): void;
}

/** How the names of a pattern are declared. */
export interface PatternDeclaration {
  /** The scope the names go into (a `var` goes to the function's). */
  target: Scope;
  /** The scope defaults and computed keys are read in. */
  scope: Scope;
  kind: BindingKind;
  /** Fields every declared binding gets (its initialiser, declarator, statement). */
  extra: Partial<Binding>;
  /** Destructuring path from the pattern's root: property names, array indexes, `undefined` for a rest. */
  path: (string | undefined)[];
}

/** Declares the names in a binding pattern; defaults and computed keys are read in `decl.scope`. */
export function declarePattern(
  w: ScopeWalker,
  pattern: AstNode,
  parent: AstNode,
  decl: PatternDeclaration,
): void {
  const { target, scope, kind, extra, path } = decl;
  w.note(pattern, parent);
  switch (pattern.type) {
    case 'Identifier': {
      w.declare(target, pattern, kind, { ...extra, path });
      const annotation = child(pattern, 'typeAnnotation');
      if (annotation !== undefined) w.typeWalk(annotation, pattern, scope);
      return;
    }
    case 'ObjectPattern':
      for (const prop of children(pattern, 'properties')) {
        w.note(prop, pattern);
        if (prop.type === 'RestElement') {
          const arg = child(prop, 'argument');
          if (arg !== undefined) declarePattern(w, arg, prop, { ...decl, path: [...path, undefined] });
          continue;
        }
        const key = child(prop, 'key');
        if (prop.computed === true && key !== undefined) w.visit(key, prop, scope);
        const value = child(prop, 'value');
        if (value !== undefined)
          declarePattern(w, value, prop, { ...decl, path: [...path, propertyKeyName(prop)] });
      }
      return;
    case 'ArrayPattern':
      (Array.isArray(pattern.elements) ? pattern.elements : []).forEach((el: unknown, i: number) => {
        if (isNode(el)) declarePattern(w, el, pattern, { ...decl, path: [...path, String(i)] });
      });
      return;
    case 'AssignmentPattern': {
      const right = child(pattern, 'right');
      const left = child(pattern, 'left');
      if (left !== undefined) {
        const withDefault = kind === 'param' && path.length === 0 ? { ...extra, paramDefault: right } : extra;
        declarePattern(w, left, pattern, { ...decl, extra: withDefault });
      }
      if (right !== undefined) w.visit(right, pattern, scope);
      return;
    }
    case 'RestElement': {
      const arg = child(pattern, 'argument');
      if (arg !== undefined) declarePattern(w, arg, pattern, { ...decl, path: [...path, undefined] });
      return;
    }
    case 'TSParameterProperty': {
      const param = child(pattern, 'parameter');
      if (param !== undefined) declarePattern(w, param, pattern, decl);
      return;
    }
    default:
      // A member expression as an assignment target: an ordinary read of its object.
      w.visit(pattern, parent, scope);
  }
}

/** Marks the names in an assignment target as written; member targets are ordinary reads. */
export function assignTarget(w: ScopeWalker, target: AstNode, parent: AstNode, scope: Scope): void {
  w.note(target, parent);
  switch (target.type) {
    case 'Identifier':
      w.reference(target, scope, true);
      return;
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'AssignmentPattern':
    case 'RestElement':
      forEachChild(target, (c, field) => {
        if (field === 'right' || (field === 'key' && target.computed === true)) w.visit(c, target, scope);
        else if (c.type === 'Property') {
          w.note(c, target);
          const key = child(c, 'key');
          if (c.computed === true && key !== undefined) w.visit(key, c, scope);
          const value = child(c, 'value');
          if (value !== undefined) assignTarget(w, value, c, scope);
        } else assignTarget(w, c, target, scope);
      });
      return;
    default:
      w.visit(target, parent, scope);
  }
}
