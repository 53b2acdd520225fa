import {
  type AstNode,
  child,
  children,
  memberPropertyName,
  propertyKeyName,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import { definitionsOf } from '../discover/definitionsOf.js';
import type { Project, ProjectModule } from '../discover/Project.js';
import { readValue } from '../resources/readValue.js';
import type { Value } from '../resources/Value.js';

/**
 * The request parameters of one call, as the code writes them: an object literal (here, in a
 * variable, or spread from another), read property by property. A request the code builds some
 * other way is `known: false`, and every lookup on it is `undefined`.
 */
export class Request {
  readonly known: boolean;
  readonly #props = new Map<string, AstNode>();
  readonly #module: ProjectModule | undefined;
  readonly #project: Project | undefined;

  /** `extra`: parameters given beside the request object (lib-storage `Upload`'s `tags` is `Tagging`). */
  constructor(
    node: AstNode | undefined,
    module?: ProjectModule,
    project?: Project,
    extra?: Record<string, AstNode>,
  ) {
    this.#module = module;
    this.#project = project;
    const object = node && module && project ? objectOf(node, module, project) : undefined;
    this.known = object !== undefined;
    if (object !== undefined) this.#collect(object);
    for (const [name, value] of Object.entries(extra ?? {})) this.#props.set(name, value);
  }

  /** A request with nothing known, for an operation called without parameters. */
  static readonly EMPTY = new Request(undefined);

  #collect(object: { node: AstNode; module: ProjectModule }): void {
    for (const prop of children(object.node, 'properties')) {
      if (prop.type === 'SpreadElement' && this.#project !== undefined) {
        const arg = child(prop, 'argument');
        const inner = arg && objectOf(arg, object.module, this.#project);
        if (inner !== undefined) this.#collect(inner);
        continue;
      }
      const value = child(prop, 'value');
      const name = propertyKeyName(prop);
      if (value === undefined) continue;
      if (name !== undefined) this.#props.set(name, value);
    }
  }

  /** Whether the code sets the parameter (to anything but `undefined`). */
  has(name: string): boolean {
    const node = this.#props.get(name);
    return node !== undefined && !(node.type === 'Identifier' && node.name === 'undefined');
  }

  node(name: string): AstNode | undefined {
    return this.#props.get(name);
  }

  value(name: string): Value | undefined {
    const node = this.#props.get(name);
    if (node === undefined || this.#module === undefined || this.#project === undefined) return undefined;
    return readValue(node, this.#module, this.#project, name);
  }

  /** The object-literal parameter `name` as a request of its own. */
  sub(name: string): Request | undefined {
    const node = this.#props.get(name);
    if (node === undefined) return undefined;
    const sub = new Request(node, this.#module, this.#project);
    return sub.known ? sub : undefined;
  }

  /** The elements of an array-literal parameter (`TransactItems`), or `undefined` if not a literal. */
  items(name: string): Request[] | undefined {
    const node = this.#props.get(name);
    const array = node && unwrapExpression(node);
    if (array?.type === 'ArrayExpression')
      return children(array, 'elements').map((e) => new Request(e, this.#module, this.#project));
    // `ids.map((id) => ({ Key: `thumbs/${id}` }))`: every element has the callback's shape.
    const element = array && mappedElement(array);
    if (element === undefined) return undefined;
    const request = new Request(element, this.#module, this.#project);
    return request.known ? [request] : undefined;
  }

  /** The values of an array-literal parameter of strings (`Names: ['/a', '/b']`). */
  listValues(name: string): Value[] | undefined {
    const node = this.#props.get(name);
    const array = node && unwrapExpression(node);
    const module = this.#module;
    const project = this.#project;
    if (array?.type !== 'ArrayExpression' || module === undefined || project === undefined) return undefined;
    return children(array, 'elements').map((e) => readValue(e, module, project, name));
  }

  /** The keys of an object-literal parameter (`RequestItems: { [TABLE]: ... }`), read as values. */
  keys(name: string): Value[] | undefined {
    const node = this.#props.get(name);
    if (node === undefined || this.#module === undefined || this.#project === undefined) return undefined;
    const object = objectOf(node, this.#module, this.#project);
    if (object === undefined) return undefined;
    const out: Value[] = [];
    for (const prop of children(object.node, 'properties')) {
      const key = child(prop, 'key');
      if (prop.type !== 'Property' || key === undefined) return undefined;
      const literal = prop.computed === true ? undefined : propertyKeyName(prop);
      out.push(
        literal !== undefined
          ? { parts: [{ text: literal }], param: name }
          : readValue(key, object.module, this.#project, name),
      );
    }
    return out;
  }
}

function objectOf(
  node: AstNode,
  module: ProjectModule,
  project: Project,
): { node: AstNode; module: ProjectModule } | undefined {
  const def = definitionsOf(node, module, project).find((d) => d.node.type === 'ObjectExpression');
  return def === undefined ? undefined : { node: def.node, module: def.module };
}

/** The object an `array.map(x => ({...}))` callback returns for each element. */
function mappedElement(call: AstNode): AstNode | undefined {
  const callee = call.type === 'CallExpression' ? child(call, 'callee') : undefined;
  if (callee?.type !== 'MemberExpression' || memberPropertyName(callee) !== 'map') return undefined;
  const fn = children(call, 'arguments')[0];
  if (fn?.type !== 'ArrowFunctionExpression') return undefined;
  const body = child(fn, 'body');
  if (body === undefined) return undefined;
  if (body.type !== 'BlockStatement') return unwrapExpression(body);
  const returned = children(body, 'body').find((s) => s.type === 'ReturnStatement');
  const arg = returned && child(returned, 'argument');
  return arg && unwrapExpression(arg);
}
