import { type AstNode, child, children, forEachChild, identifierName } from '../parse/AstNode.js';
import type { Binding, BindingKind, Scope, ScopeInfo } from './Binding.js';
import { type PendingReferences, resolveReferences } from './resolveReferences.js';
import { visitModuleDeclaration } from './visitModuleDeclaration.js';
import { assignTarget, declarePattern, type ScopeWalker } from './walkPatterns.js';

export type { Binding, BindingKind, ScopeInfo } from './Binding.js';

/**
 * `nodesOfType(STRINGS)`: string literals, templates, `+` and `.join()` calls in pre-order (a
 * container before what it contains), the candidates of the string scan.
 */
export const STRINGS = 'strings';

function isStringCandidate(node: AstNode): boolean {
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string';
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return node.operator === '+';
    case 'CallExpression': {
      const callee = node.callee as AstNode | undefined;
      return callee?.type === 'MemberExpression' && (callee.property as AstNode | undefined)?.name === 'join';
    }
    default:
      return false;
  }
}

/** Where each node's parent, and each identifier's binding, is kept: fields on the nodes are much
 * cheaper than Map entries on ASTs of millions of nodes, and symbols never show up as AST fields. */
const PARENT = Symbol('parent');
const BINDING = Symbol('binding');

// Fields that hold types, never values: walked only for `typeof x` (which does read `x`).
const TYPE_FIELDS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
]);
const TYPE_DECLARATIONS = new Set(['TSTypeAliasDeclaration', 'TSInterfaceDeclaration', 'TSDeclareFunction']);
const COLLECTED = new Set([
  'NewExpression',
  'CallExpression',
  'AssignmentExpression',
  'Literal',
  'TemplateLiteral',
  'BinaryExpression',
  'ObjectExpression',
  'ClassDeclaration',
  'ClassExpression',
  'MemberExpression',
  'JSXElement',
  'JSXFragment',
]);

/**
 * A small scope resolver over an oxc program: block, function, catch and module scopes, `var`
 * hoisting, parameters with defaults, imports (including `import x = require()`), destructuring.
 * It resolves after the walk, so hoisted names and later declarations resolve too. Unresolved
 * names (`require`, `process`, a global `AWS`) have no binding.
 */
export function analyzeScopes(program: AstNode): ScopeInfo {
  const collected = new Map<string, AstNode[]>();
  // References to resolve once every declaration is known, as parallel arrays: one object per
  // identifier would be most of the garbage on a large file.
  const pending: PendingReferences = { ids: [], scopes: [], writes: new Set() };
  const reference = (id: AstNode, scope: Scope, write: boolean): void => {
    if (write) pending.writes.add(pending.ids.length);
    pending.ids.push(id);
    pending.scopes.push(scope);
  };
  const all: Binding[] = [];
  const moduleScope: Scope = { parent: undefined, fn: true, bindings: new Map() };

  const functionScope = (scope: Scope): Scope => {
    let s = scope;
    while (!s.fn && s.parent !== undefined) s = s.parent;
    return s;
  };
  const declare = (scope: Scope, id: AstNode, kind: BindingKind, extra: Partial<Binding> = {}): void => {
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
      kind,
      id,
      exported: false,
      reads: [],
      writes: 0,
      moduleLevel: scope === moduleScope,
      ...extra,
    };
    scope.bindings.set(name, binding);
    all.push(binding);
  };
  const note = (node: AstNode, parent: AstNode | undefined): void => {
    if (parent !== undefined) node[PARENT] = parent;
    if (isStringCandidate(node)) {
      const list = collected.get(STRINGS);
      if (list === undefined) collected.set(STRINGS, [node]);
      else list.push(node);
    }
    if (COLLECTED.has(node.type)) {
      const list = collected.get(node.type);
      if (list === undefined) collected.set(node.type, [node]);
      else list.push(node);
    }
  };

  const typeWalk = (node: AstNode, parent: AstNode, scope: Scope): void => {
    note(node, parent);
    if (node.type === 'TSTypeQuery') {
      let name = child(node, 'exprName');
      while (name?.type === 'TSQualifiedName') name = child(name, 'left');
      if (name?.type === 'Identifier') reference(name, scope, false);
      return;
    }
    forEachChild(node, (c) => typeWalk(c, node, scope));
  };

  const visitFunction = (node: AstNode, scope: Scope): void => {
    const inner: Scope = { parent: scope, fn: true, bindings: new Map() };
    const id = child(node, 'id');
    if (id !== undefined) {
      note(id, node);
      if (node.type !== 'FunctionDeclaration') declare(inner, id, 'function');
    }
    for (const field of ['typeParameters', 'returnType']) {
      const t = child(node, field);
      if (t !== undefined) typeWalk(t, node, inner);
    }
    for (const param of children(node, 'params'))
      declarePattern(walker, param, node, {
        target: inner,
        scope: inner,
        kind: 'param',
        extra: {},
        path: [],
      });
    const body = child(node, 'body');
    if (body === undefined) return;
    if (body.type === 'BlockStatement') {
      note(body, node);
      for (const stmt of children(body, 'body')) visit(stmt, body, inner);
    } else visit(body, node, inner);
  };

  const visitClass = (node: AstNode, scope: Scope): void => {
    const inner: Scope = { parent: scope, fn: false, bindings: new Map() };
    const id = child(node, 'id');
    if (id !== undefined) {
      note(id, node);
      if (node.type === 'ClassExpression') declare(inner, id, 'class');
    }
    forEachChild(node, (c, field) => {
      if (field === 'id') return;
      if (TYPE_FIELDS.has(field)) typeWalk(c, node, inner);
      else visit(c, node, inner);
    });
  };

  const visitChildren = (node: AstNode, scope: Scope): void => {
    forEachChild(node, (c, field) => {
      if (TYPE_FIELDS.has(field)) typeWalk(c, node, scope);
      else visit(c, node, scope);
    });
  };

  const visit = (node: AstNode, parent: AstNode | undefined, scope: Scope): void => {
    note(node, parent);
    switch (node.type) {
      case 'Identifier':
        reference(node, scope, false);
        return;
      case 'VariableDeclaration': {
        const kind = node.kind === 'const' || node.kind === 'let' ? node.kind : 'var';
        const target = kind === 'var' ? functionScope(scope) : scope;
        for (const decl of children(node, 'declarations')) {
          note(decl, node);
          const init = child(decl, 'init');
          const id = child(decl, 'id');
          if (id !== undefined)
            declarePattern(walker, id, decl, {
              target,
              scope,
              kind,
              extra: { init, declarator: decl, statement: node },
              path: [],
            });
          if (init !== undefined) visit(init, decl, scope);
        }
        return;
      }
      case 'FunctionDeclaration': {
        const id = child(node, 'id');
        if (id !== undefined) declare(scope, id, 'function');
        visitFunction(node, scope);
        return;
      }
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        visitFunction(node, scope);
        return;
      case 'ClassDeclaration': {
        const id = child(node, 'id');
        if (id !== undefined) declare(scope, id, 'class');
        visitClass(node, scope);
        return;
      }
      case 'ClassExpression':
        visitClass(node, scope);
        return;
      case 'BlockStatement':
      case 'StaticBlock':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'SwitchStatement':
        visitChildren(node, { parent: scope, fn: false, bindings: new Map() });
        return;
      case 'CatchClause': {
        const inner: Scope = { parent: scope, fn: false, bindings: new Map() };
        const param = child(node, 'param');
        if (param !== undefined)
          declarePattern(walker, param, node, {
            target: inner,
            scope: inner,
            kind: 'catch',
            extra: {},
            path: [],
          });
        const body = child(node, 'body');
        if (body !== undefined) visit(body, node, inner);
        return;
      }
      case 'ImportDeclaration':
      case 'TSImportEqualsDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        visitModuleDeclaration(walker, node, scope);
        return;
      case 'MemberExpression': {
        const object = child(node, 'object');
        if (object !== undefined) visit(object, node, scope);
        const property = child(node, 'property');
        if (property !== undefined) {
          if (node.computed === true) visit(property, node, scope);
          else note(property, node);
        }
        return;
      }
      case 'Property':
      case 'MethodDefinition':
      case 'PropertyDefinition':
      case 'AccessorProperty':
      case 'TSAbstractMethodDefinition':
      case 'TSAbstractPropertyDefinition':
        forEachChild(node, (c, field) => {
          if (field === 'key' && node.computed !== true) note(c, node);
          else if (TYPE_FIELDS.has(field)) typeWalk(c, node, scope);
          else visit(c, node, scope);
        });
        return;
      case 'AssignmentExpression': {
        const left = child(node, 'left');
        if (left !== undefined) assignTarget(walker, left, node, scope);
        const right = child(node, 'right');
        if (right !== undefined) visit(right, node, scope);
        return;
      }
      case 'UpdateExpression': {
        const arg = child(node, 'argument');
        if (arg !== undefined) assignTarget(walker, arg, node, scope);
        return;
      }
      case 'LabeledStatement': {
        const body = child(node, 'body');
        if (body !== undefined) visit(body, node, scope);
        return;
      }
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
        return;
      case 'TSModuleDeclaration': {
        const body = child(node, 'body');
        if (body !== undefined) visitChildren(body, { parent: scope, fn: true, bindings: new Map() });
        return;
      }
      case 'TSEnumDeclaration': {
        const id = child(node, 'id');
        if (id !== undefined) declare(scope, id, 'other');
        const body = child(node, 'body');
        if (body !== undefined) typeWalk(body, node, scope);
        return;
      }
      default:
        if (TYPE_DECLARATIONS.has(node.type) || (node.type.startsWith('TS') && node.type.endsWith('Type'))) {
          typeWalk(node, parent ?? node, scope);
          return;
        }
        visitChildren(node, scope);
    }
  };

  const walker: ScopeWalker = {
    note,
    declare,
    visit: (node, parent, scope) => visit(node, parent, scope),
    typeWalk,
    reference,
  };

  note(program, undefined);
  for (const stmt of children(program, 'body')) visit(stmt, program, moduleScope);

  const globals = resolveReferences(pending, (id, binding) => {
    id[BINDING] = binding;
  });
  return {
    bindingOf: (id) => id[BINDING] as Binding | undefined,
    parentOf: (node) => node[PARENT] as AstNode | undefined,
    moduleBindings: moduleScope.bindings,
    allBindings: all,
    globals,
    nodesOfType: (type) => collected.get(type) ?? [],
  };
}
