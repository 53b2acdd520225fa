import { type AstNode, forEachChild } from '../parse/AstNode.js';
import type { NodeOfType, NodeType } from '../parse/NodeOfType.js';
import type { Scope } from './Binding.js';
import { innerScope, type ScopeWalker } from './ScopeWalker.js';
import { TYPE_FIELDS } from './typeFields.js';
import { visitClass, visitFunction } from './visitFunctionLike.js';
import { visitModuleDeclaration } from './visitModuleDeclaration.js';
import { assignTarget, declarePattern } from './walkPatterns.js';

/** How the scope walk handles one node type. */
type Visitor<T extends NodeType> = (w: ScopeWalker, node: NodeOfType<T>, scope: Scope) => void;

/** The nearest enclosing function (or module) scope, where a `var` goes. */
function functionScope(scope: Scope): Scope {
  let s = scope;
  while (!s.fn && s.parent !== undefined) s = s.parent;
  return s;
}

const newBlock: Visitor<NodeType> = (w, node, scope) => w.visitChildren(node, innerScope(scope, false));
const moduleDeclaration: Visitor<
  'ImportDeclaration' | 'TSImportEqualsDeclaration' | 'ExportNamedDeclaration' | 'ExportAllDeclaration'
> = (w, node, scope) => visitModuleDeclaration(w, node, scope);
const nothing = (): void => {};

/** Class members and object properties: a non-computed key is a name, not a read. */
const keyed: Visitor<
  | 'Property'
  | 'MethodDefinition'
  | 'PropertyDefinition'
  | 'AccessorProperty'
  | 'TSAbstractMethodDefinition'
  | 'TSAbstractPropertyDefinition'
> = (w, node, scope) => {
  forEachChild(node, (c, field) => {
    if (field === 'key' && node.computed !== true) w.note(c, node);
    else if (TYPE_FIELDS.has(field)) w.typeWalk(c, node, scope);
    else w.visit(c, node, scope);
  });
};

/**
 * The constructs that declare, read or write names, or open a scope; every other node's
 * children are visited in the same scope (and TypeScript types walked as types).
 */
const VISITORS: { [T in NodeType]?: Visitor<T> } = {
  Identifier: (w, node, scope) => w.reference(node, scope, false),
  VariableDeclaration: (w, node, scope) => {
    const kind = node.kind === 'const' || node.kind === 'let' ? node.kind : 'var';
    const target = kind === 'var' ? functionScope(scope) : scope;
    for (const decl of node.declarations) {
      w.note(decl, node);
      const init = decl.init ?? undefined;
      const extra = { init, declarator: decl, statement: node };
      declarePattern(w, decl.id, { parent: decl, target, scope, kind, extra, path: [] });
      if (init !== undefined) w.visit(init, decl, scope);
    }
  },
  FunctionDeclaration: (w, node, scope) => {
    if (node.id) w.declare(scope, node.id, { kind: 'function' });
    visitFunction(w, node, scope);
  },
  FunctionExpression: visitFunction,
  ArrowFunctionExpression: visitFunction,
  ClassDeclaration: (w, node, scope) => {
    if (node.id) w.declare(scope, node.id, { kind: 'class' });
    visitClass(w, node, scope);
  },
  ClassExpression: visitClass,
  BlockStatement: newBlock,
  StaticBlock: newBlock,
  ForStatement: newBlock,
  ForInStatement: newBlock,
  ForOfStatement: newBlock,
  SwitchStatement: newBlock,
  CatchClause: (w, node, scope) => {
    const inner = innerScope(scope, false);
    if (node.param)
      declarePattern(w, node.param, {
        parent: node,
        target: inner,
        scope: inner,
        kind: 'catch',
        extra: {},
        path: [],
      });
    w.visit(node.body, node, inner);
  },
  ImportDeclaration: moduleDeclaration,
  TSImportEqualsDeclaration: moduleDeclaration,
  ExportNamedDeclaration: moduleDeclaration,
  ExportAllDeclaration: moduleDeclaration,
  MemberExpression: (w, node, scope) => {
    w.visit(node.object, node, scope);
    if (node.computed) w.visit(node.property, node, scope);
    else w.note(node.property, node);
  },
  Property: keyed,
  MethodDefinition: keyed,
  PropertyDefinition: keyed,
  AccessorProperty: keyed,
  TSAbstractMethodDefinition: keyed,
  TSAbstractPropertyDefinition: keyed,
  AssignmentExpression: (w, node, scope) => {
    assignTarget(w, node.left, { parent: node, scope });
    w.visit(node.right, node, scope);
  },
  UpdateExpression: (w, node, scope) => assignTarget(w, node.argument, { parent: node, scope }),
  LabeledStatement: (w, node, scope) => w.visit(node.body, node, scope),
  BreakStatement: nothing,
  ContinueStatement: nothing,
  MetaProperty: nothing,
  TSModuleDeclaration: (w, node, scope) => {
    if (node.body) w.visitChildren(node.body, innerScope(scope, true));
  },
  TSEnumDeclaration: (w, node, scope) => {
    w.declare(scope, node.id, { kind: 'other' });
    w.typeWalk(node.body, node, scope);
  },
};

/**
 * The table by `type`, for `ScopeWalk.visit`. The cast is where typing stops: the walk looks a
 * visitor up by the node's own `type`, so each visitor only ever gets the nodes it was typed for.
 */
export const SCOPE_VISITORS = new Map(
  Object.entries(VISITORS) as [string, (w: ScopeWalker, node: AstNode, scope: Scope) => void][],
);
