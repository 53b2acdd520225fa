import { type AstNode, asNode, forEachChild, propertyKeyName } from '../parse/AstNode.js';
import type { Binding, BindingKind, Scope } from './Binding.js';
import type { ScopeWalker } from './ScopeWalker.js';

/** How the names of a pattern are declared. */
export interface PatternDeclaration {
  /** The node holding the pattern (declarator, function, catch clause, enclosing pattern). */
  parent: AstNode;
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
export function declarePattern(w: ScopeWalker, loose: AstNode, decl: PatternDeclaration): void {
  const { parent, target, scope, kind, extra, path } = decl;
  w.note(loose, parent);
  const pattern = asNode(loose);
  switch (pattern.type) {
    case 'Identifier': {
      w.declare(target, pattern, { kind, ...extra, path });
      if (pattern.typeAnnotation) w.typeWalk(pattern.typeAnnotation, pattern, scope);
      return;
    }
    case 'ObjectPattern':
      for (const prop of pattern.properties) {
        w.note(prop, pattern);
        if (prop.type === 'RestElement') {
          declarePattern(w, prop.argument, { ...decl, parent: prop, path: [...path, undefined] });
          continue;
        }
        if (prop.computed) w.visit(prop.key, prop, scope);
        declarePattern(w, prop.value, { ...decl, parent: prop, path: [...path, propertyKeyName(prop)] });
      }
      return;
    case 'ArrayPattern':
      pattern.elements.forEach((el, i) => {
        if (el) declarePattern(w, el, { ...decl, parent: pattern, path: [...path, String(i)] });
      });
      return;
    case 'AssignmentPattern': {
      const withDefault =
        kind === 'param' && path.length === 0 ? { ...extra, paramDefault: pattern.right } : extra;
      declarePattern(w, pattern.left, { ...decl, parent: pattern, extra: withDefault });
      w.visit(pattern.right, pattern, scope);
      return;
    }
    case 'RestElement':
      declarePattern(w, pattern.argument, { ...decl, parent: pattern, path: [...path, undefined] });
      return;
    case 'TSParameterProperty':
      declarePattern(w, pattern.parameter, { ...decl, parent: pattern });
      return;
    default:
      // A member expression as an assignment target: an ordinary read of its object.
      w.visit(pattern, parent, scope);
  }
}

/** Where an assignment target sits, for {@link assignTarget}. */
export interface AssignmentSite {
  /** The assignment, update or enclosing pattern. */
  parent: AstNode;
  /** The scope the target's names resolve in. */
  scope: Scope;
}

/** Marks the names in an assignment target as written; member targets are ordinary reads. */
export function assignTarget(w: ScopeWalker, loose: AstNode, site: AssignmentSite): void {
  const { parent, scope } = site;
  w.note(loose, parent);
  const target = asNode(loose);
  switch (target.type) {
    case 'Identifier':
      w.reference(target, scope, true);
      return;
    case 'ObjectPattern':
    case 'ArrayPattern':
    case 'AssignmentPattern':
    case 'RestElement':
      forEachChild(target, (c, field) => {
        const node = asNode(c);
        if (field === 'right') w.visit(node, target, scope);
        else if (node.type === 'Property') {
          w.note(node, target);
          if (node.computed) w.visit(node.key, node, scope);
          assignTarget(w, node.value, { parent: node, scope });
        } else assignTarget(w, node, { parent: target, scope });
      });
      return;
    default:
      w.visit(target, parent, scope);
  }
}
