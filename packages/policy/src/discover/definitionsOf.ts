import {
  type AstNode,
  child,
  children,
  forEachChild,
  memberPropertyName,
  propertyKeyName,
  requireSource,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import type { Project, ProjectModule } from './Project.js';

/** A value an expression may hold, or (`moduleOf`) the namespace of a project module. */
export interface Definition {
  node: AstNode;
  module: ProjectModule;
  moduleOf?: ProjectModule;
}

const MAX_DEPTH = 10;
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Follows an expression to the expressions that define its value, across the project: `const`
 * initialisers and later assignments (`let c; c = new S3()`), destructuring, object-literal members,
 * `this.x` fields, relative imports and requires (ESM and CommonJS exports), `await`, `a ?? b`,
 * `c ? a : b` (both sides; with `branches: false` kept whole, for values) and the `return`s of a
 * local factory function. What it cannot follow (a parameter,
 * a package import, a computed member) comes back as itself.
 */
export function definitionsOf(
  node: AstNode,
  module: ProjectModule,
  project: Project,
  depth = 0,
  branches = true,
): Definition[] {
  const expr = unwrapExpression(node);
  const self: Definition[] = [{ node: expr, module }];
  if (depth > MAX_DEPTH) return self;
  const again = (n: AstNode, m: ProjectModule = module) => definitionsOf(n, m, project, depth + 1, branches);
  if (!branches && (expr.type === 'LogicalExpression' || expr.type === 'ConditionalExpression')) return self;
  switch (expr.type) {
    case 'AwaitExpression': {
      const arg = child(expr, 'argument');
      return arg === undefined ? self : again(arg);
    }
    case 'LogicalExpression':
      return [child(expr, 'left'), child(expr, 'right')].flatMap((n) => (n === undefined ? [] : again(n)));
    case 'ConditionalExpression':
      return [child(expr, 'consequent'), child(expr, 'alternate')].flatMap((n) =>
        n === undefined ? [] : again(n),
      );
    case 'Identifier':
      return identifier(expr, module, project, depth, branches);
    case 'MemberExpression': {
      const name = memberPropertyName(expr);
      const object = child(expr, 'object');
      if (name === undefined || object === undefined) return self;
      if (object.type === 'ThisExpression') {
        const fields = thisFields(module, name).flatMap((n) => again(n));
        return fields.length > 0 ? fields : self;
      }
      const found = again(object).flatMap((d) => member(d, name, project, depth, branches));
      return found.length > 0 ? found : self;
    }
    case 'CallExpression': {
      const source = requireSource(expr, module.scopes);
      if (source !== undefined) {
        const target = project.resolve(module.file, source);
        return target === undefined ? self : [{ node: expr, module, moduleOf: target }];
      }
      const callee = child(expr, 'callee');
      if (callee === undefined) return self;
      const returned = again(callee).flatMap((d) => returnsOf(d.node).flatMap((r) => again(r, d.module)));
      return returned.length > 0 ? returned : self;
    }
    default:
      return self;
  }
}

function identifier(
  id: AstNode,
  module: ProjectModule,
  project: Project,
  depth: number,
  branches: boolean,
): Definition[] {
  const self: Definition[] = [{ node: id, module }];
  const binding = module.scopes.bindingOf(id);
  if (binding === undefined) return self;
  if (binding.kind === 'import') {
    const source = binding.importSource;
    const target = source === undefined ? undefined : project.resolve(module.file, source);
    if (target === undefined) return self;
    if (binding.importName === '*') return [{ node: id, module, moduleOf: target }];
    const exported = project.exported(target, binding.importName ?? 'default');
    return exported === undefined
      ? self
      : definitionsOf(exported.node, exported.module, project, depth + 1, branches);
  }
  if (binding.kind === 'function' || binding.kind === 'class') {
    const declaration = module.scopes.parentOf(binding.id);
    return declaration === undefined ? self : [{ node: declaration, module }];
  }
  const out: Definition[] = [];
  if (binding.init !== undefined && binding.path !== undefined) {
    let defs = definitionsOf(binding.init, module, project, depth + 1, branches);
    for (const key of binding.path) {
      if (key === undefined) return self;
      defs = defs.flatMap((d) => member(d, key, project, depth, branches));
    }
    out.push(...defs);
  }
  if (binding.writes > 0) {
    for (const assignment of module.scopes.nodesOfType('AssignmentExpression')) {
      const left = child(assignment, 'left');
      const right = child(assignment, 'right');
      if (left?.type === 'Identifier' && right !== undefined && module.scopes.bindingOf(left) === binding)
        out.push(...definitionsOf(right, module, project, depth + 1, branches));
    }
  }
  return out.length > 0 ? out : self;
}

/** Member `name` of a definition: an object literal's property, or a project module's export. */
function member(
  def: Definition,
  name: string,
  project: Project,
  depth: number,
  branches: boolean,
): Definition[] {
  if (def.moduleOf !== undefined) {
    const exported = project.exported(def.moduleOf, name);
    return exported === undefined
      ? []
      : definitionsOf(exported.node, exported.module, project, depth + 1, branches);
  }
  if (def.node.type !== 'ObjectExpression') return [];
  const prop = children(def.node, 'properties')
    .filter((p) => p.type === 'Property' && propertyKeyName(p) === name)
    .pop();
  const value = prop && child(prop, 'value');
  return value === undefined ? [] : definitionsOf(value, def.module, project, depth + 1, branches);
}

/** The values assigned to `this.name` (or a class field `name = ...`) anywhere in the module. */
function thisFields(module: ProjectModule, name: string): AstNode[] {
  const out: AstNode[] = [];
  for (const assignment of module.scopes.nodesOfType('AssignmentExpression')) {
    const left = child(assignment, 'left');
    const right = child(assignment, 'right');
    if (
      left?.type === 'MemberExpression' &&
      child(left, 'object')?.type === 'ThisExpression' &&
      memberPropertyName(left) === name &&
      right !== undefined
    )
      out.push(right);
  }
  for (const cls of [
    ...module.scopes.nodesOfType('ClassDeclaration'),
    ...module.scopes.nodesOfType('ClassExpression'),
  ]) {
    for (const field of children(child(cls, 'body') ?? cls, 'body')) {
      const value = child(field, 'value');
      if (field.type === 'PropertyDefinition' && propertyKeyName(field) === name && value !== undefined)
        out.push(value);
    }
  }
  return out;
}

/** The expressions a function returns (an arrow's expression body, or its `return` statements). */
function returnsOf(fn: AstNode): AstNode[] {
  const target =
    fn.type === 'VariableDeclarator' ? child(fn, 'init') : fn.type === 'Property' ? child(fn, 'value') : fn;
  if (target === undefined || !FUNCTIONS.has(target.type)) return [];
  const body = child(target, 'body');
  if (body === undefined) return [];
  if (body.type !== 'BlockStatement') return [body];
  const out: AstNode[] = [];
  const walk = (n: AstNode): void => {
    if (n.type === 'ReturnStatement') {
      const arg = child(n, 'argument');
      if (arg !== undefined) out.push(arg);
      return;
    }
    if (FUNCTIONS.has(n.type)) return;
    forEachChild(n, walk);
  };
  walk(body);
  return out;
}
