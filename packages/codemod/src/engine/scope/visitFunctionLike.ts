import type { ArrowFunctionExpression, Class, Function as FunctionNode } from 'oxc-parser';
import { forEachChild } from '../parse/AstNode.js';
import type { Scope } from './Binding.js';
import { innerScope, type ScopeWalker } from './ScopeWalker.js';
import { TYPE_FIELDS } from './typeFields.js';
import { declarePattern } from './walkPatterns.js';

/**
 * A function's own scope: its name (for a function expression, visible only inside), type
 * parameters and return type, parameters with their defaults, then the body. A declaration's
 * name was declared in the enclosing scope by its visitor.
 */
export function visitFunction(
  w: ScopeWalker,
  node: FunctionNode | ArrowFunctionExpression,
  scope: Scope,
): void {
  const inner = innerScope(scope, true);
  if (node.id) {
    w.note(node.id, node);
    if (node.type !== 'FunctionDeclaration') w.declare(inner, node.id, { kind: 'function' });
  }
  if (node.typeParameters) w.typeWalk(node.typeParameters, node, inner);
  if (node.returnType) w.typeWalk(node.returnType, node, inner);
  for (const param of node.params)
    declarePattern(w, param, {
      parent: node,
      target: inner,
      scope: inner,
      kind: 'param',
      extra: {},
      path: [],
    });
  const body = node.body;
  if (!body) return;
  if (body.type === 'BlockStatement') {
    w.note(body, node);
    for (const stmt of body.body) w.visit(stmt, body, inner);
  } else w.visit(body, node, inner);
}

/** A class's scope: a class expression's name is visible only inside it. */
export function visitClass(w: ScopeWalker, node: Class, scope: Scope): void {
  const inner = innerScope(scope, false);
  if (node.id) {
    w.note(node.id, node);
    if (node.type === 'ClassExpression') w.declare(inner, node.id, { kind: 'class' });
  }
  forEachChild(node, (c, field) => {
    if (field === 'id') return;
    if (TYPE_FIELDS.has(field)) w.typeWalk(c, node, inner);
    else w.visit(c, node, inner);
  });
}
