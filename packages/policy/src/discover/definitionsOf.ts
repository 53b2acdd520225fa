import {
  type AstNode,
  type Binding,
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
// A query that fans out past this many steps (a module assigning one name from hundreds of places)
// stops following: what it found so far is kept, the rest comes back as the expressions themselves.
const MAX_STEPS = 2_000;
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

export interface DefinitionsOptions {
  /** `false` keeps `a ?? b` and `c ? a : b` whole (for values); by default both sides are followed. */
  branches?: boolean;
}

/** One query's walk: the nodes on the current path (cycles), the depth and the steps taken. */
interface Walk {
  project: Project;
  branches: boolean;
  memo: Map<AstNode, Definition[]>;
  active: Set<AstNode>;
  steps: number;
  /** Bumped whenever a cycle, the depth or the step budget cut a result short: such results are not memoised. */
  cuts: number;
}

// Per analysis (a Project) and per `branches` mode: node -> its complete definitions. Every query of
// one analysis asks about the same few clients and config objects, from every call site.
const memos = new WeakMap<Project, [Map<AstNode, Definition[]>, Map<AstNode, Definition[]>]>();

/**
 * Follows an expression to the expressions that define its value, across the project: `const`
 * initialisers and later assignments (`let c; c = new S3()`), destructuring, object-literal members,
 * `this.x` fields, relative imports and requires (ESM and CommonJS exports), `await`, `a ?? b`,
 * `c ? a : b` (both sides unless `branches: false`) and the `return`s of a local factory function.
 * What it cannot follow (a parameter, a package import, a computed member) comes back as itself.
 * Results are memoised per node for the project's lifetime, so each definition is walked once.
 */
export function definitionsOf(
  node: AstNode,
  module: ProjectModule,
  project: Project,
  options: DefinitionsOptions = {},
): Definition[] {
  const branches = options.branches ?? true;
  let pair = memos.get(project);
  if (pair === undefined) {
    pair = [new Map(), new Map()];
    memos.set(project, pair);
  }
  const walk: Walk = {
    project,
    branches,
    memo: pair[branches ? 0 : 1],
    active: new Set(),
    steps: 0,
    cuts: 0,
  };
  return follow(walk, node, module, 0);
}

function follow(walk: Walk, node: AstNode, module: ProjectModule, depth: number): Definition[] {
  const expr = unwrapExpression(node);
  const known = walk.memo.get(expr);
  if (known !== undefined) return known;
  // A cycle (`a = b; b = a`) adds nothing new on this path: the node's own level gathers the rest.
  if (walk.active.has(expr)) {
    walk.cuts++;
    return [];
  }
  if (depth > MAX_DEPTH || ++walk.steps > MAX_STEPS) {
    walk.cuts++;
    return [{ node: expr, module }];
  }
  const cutsBefore = walk.cuts;
  walk.active.add(expr);
  const found = unique(step(walk, expr, module, depth));
  walk.active.delete(expr);
  if (walk.cuts === cutsBefore) walk.memo.set(expr, found);
  return found;
}

/** Definitions in first-found order, each node once (`a ?? a`, two imports of one export). */
function unique(defs: Definition[]): Definition[] {
  const seen = new Set<AstNode>();
  return defs.filter((d) => {
    if (seen.has(d.node)) return false;
    seen.add(d.node);
    return true;
  });
}

function step(walk: Walk, expr: AstNode, module: ProjectModule, depth: number): Definition[] {
  const self: Definition[] = [{ node: expr, module }];
  const { project } = walk;
  const again = (n: AstNode, m: ProjectModule = module) => follow(walk, n, m, depth + 1);
  if (!walk.branches && (expr.type === 'LogicalExpression' || expr.type === 'ConditionalExpression'))
    return self;
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
      return identifier(walk, expr, module, depth);
    case 'MemberExpression': {
      const name = memberPropertyName(expr);
      const object = child(expr, 'object');
      if (name === undefined || object === undefined) return self;
      if (object.type === 'ThisExpression') {
        const fields = (indexOf(module).thisFields.get(name) ?? []).flatMap((n) => again(n));
        return fields.length > 0 ? fields : self;
      }
      const found = again(object).flatMap((d) => member(walk, d, name, depth));
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

function identifier(walk: Walk, id: AstNode, module: ProjectModule, depth: number): Definition[] {
  const { project } = walk;
  const self: Definition[] = [{ node: id, module }];
  const binding = module.scopes.bindingOf(id);
  if (binding === undefined) return self;
  if (binding.kind === 'import') {
    const source = binding.importSource;
    const target = source === undefined ? undefined : project.resolve(module.file, source);
    if (target === undefined) return self;
    if (binding.importName === '*') return [{ node: id, module, moduleOf: target }];
    const exported = project.exported(target, binding.importName ?? 'default');
    return exported === undefined ? self : follow(walk, exported.node, exported.module, depth + 1);
  }
  if (binding.kind === 'function' || binding.kind === 'class') {
    const declaration = module.scopes.parentOf(binding.id);
    return declaration === undefined ? self : [{ node: declaration, module }];
  }
  const out: Definition[] = [];
  if (binding.init !== undefined && binding.path !== undefined) {
    let defs = follow(walk, binding.init, module, depth + 1);
    for (const key of binding.path) {
      if (key === undefined) return self;
      defs = defs.flatMap((d) => member(walk, d, key, depth));
    }
    out.push(...defs);
  }
  if (binding.writes > 0)
    for (const right of indexOf(module).writes.get(binding) ?? [])
      out.push(...follow(walk, right, module, depth + 1));
  return out.length > 0 ? out : self;
}

/** Member `name` of a definition: an object literal's property, or a project module's export. */
function member(walk: Walk, def: Definition, name: string, depth: number): Definition[] {
  if (def.moduleOf !== undefined) {
    const exported = walk.project.exported(def.moduleOf, name);
    return exported === undefined ? [] : follow(walk, exported.node, exported.module, depth + 1);
  }
  if (def.node.type !== 'ObjectExpression') return [];
  const prop = children(def.node, 'properties')
    .filter((p) => p.type === 'Property' && propertyKeyName(p) === name)
    .pop();
  const value = prop && child(prop, 'value');
  return value === undefined ? [] : follow(walk, value, def.module, depth + 1);
}

/** What one module assigns, gathered once: `x = ...` by the binding of `x`, `this.f = ...` and class fields by name. */
interface ModuleIndex {
  writes: Map<Binding, AstNode[]>;
  thisFields: Map<string, AstNode[]>;
}

const indexes = new WeakMap<ProjectModule, ModuleIndex>();

function indexOf(module: ProjectModule): ModuleIndex {
  let index = indexes.get(module);
  if (index === undefined) {
    index = { writes: new Map(), thisFields: new Map() };
    indexModule(module, index);
    indexes.set(module, index);
  }
  return index;
}

function push<K>(map: Map<K, AstNode[]>, key: K, value: AstNode): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Fills `index` from the module's assignments and class fields, in source order. */
function indexModule(module: ProjectModule, index: ModuleIndex): void {
  const { scopes } = module;
  for (const assignment of scopes.nodesOfType('AssignmentExpression')) {
    const left = child(assignment, 'left');
    const right = child(assignment, 'right');
    if (left === undefined || right === undefined) continue;
    if (left.type === 'Identifier') {
      const binding = scopes.bindingOf(left);
      if (binding !== undefined) push(index.writes, binding, right);
    } else if (left.type === 'MemberExpression' && child(left, 'object')?.type === 'ThisExpression') {
      const name = memberPropertyName(left);
      if (name !== undefined) push(index.thisFields, name, right);
    }
  }
  for (const cls of [...scopes.nodesOfType('ClassDeclaration'), ...scopes.nodesOfType('ClassExpression')]) {
    for (const field of children(child(cls, 'body') ?? cls, 'body')) {
      const name = field.type === 'PropertyDefinition' ? propertyKeyName(field) : undefined;
      const value = child(field, 'value');
      if (name !== undefined && value !== undefined) push(index.thisFields, name, value);
    }
  }
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
