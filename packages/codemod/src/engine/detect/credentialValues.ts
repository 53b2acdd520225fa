import type { ObjectExpression, ObjectProperty } from 'oxc-parser';
import {
  type AstNode,
  asNode,
  identifierName,
  isNodeOfType,
  propertyKeyName,
  unwrapExpression,
} from '../parse/AstNode.js';
import type { NodeOfType } from '../parse/NodeOfType.js';
import type { Binding, ScopeInfo } from '../scope/analyzeScopes.js';
import { sdkRef } from '../scope/resolveModuleRef.js';
import { type ClassifyContext, classifyValue } from './classifyValue.js';
import { CREDENTIAL_FIELDS, type CredentialField, type CredentialValue } from './ValueSource.js';

/** Credentials written out as values, and the `const`s that hold the whole credentials object. */
export interface CredentialsShape {
  values: CredentialValue[];
  holders: Binding[];
  /** The function of this file that builds the object, when it is called for it (never rewritten). */
  builder?: string;
}

function isField(name: string | undefined): name is CredentialField {
  return name !== undefined && (CREDENTIAL_FIELDS as readonly string[]).includes(name);
}

/** A never-reassigned `const x = <init>` (or `let`/`var` never written) behind an identifier. */
function constantBinding(node: AstNode, scopes: ScopeInfo): Binding | undefined {
  const expr = unwrapExpression(node);
  if (expr.type !== 'Identifier') return undefined;
  const binding = scopes.bindingOf(expr);
  if (binding === undefined || binding.writes > 0 || binding.init === undefined) return undefined;
  if (binding.path?.length !== 0) return undefined;
  return binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var' ? binding : undefined;
}

/** The credential fields written as properties of an object literal. */
export function fieldValues(
  object: ObjectExpression,
  ctx: ClassifyContext,
): { props: ObjectProperty[]; values: CredentialValue[] } {
  const props: ObjectProperty[] = [];
  const values: CredentialValue[] = [];
  for (const prop of object.properties) {
    if (prop.type !== 'Property') continue;
    const name = propertyKeyName(prop);
    if (!isField(name)) continue;
    props.push(prop);
    values.push({ field: name, node: prop.value, sources: classifyValue(prop.value, name, ctx) });
  }
  return { props, values };
}

/** `null`, `undefined` (not rebound) or `void 0`. */
function isNothing(node: AstNode, scopes: ScopeInfo): boolean {
  const expr = unwrapExpression(node);
  if (expr.type === 'Literal') return expr.value === null && expr.raw === 'null';
  if (expr.type === 'Identifier') return expr.name === 'undefined' && scopes.bindingOf(expr) === undefined;
  return expr.type === 'UnaryExpression' && expr.operator === 'void';
}

/** Whether a `new X(...)` builds a v2 `AWS.Credentials`. */
export function isV2CredentialsClass(callee: AstNode, scopes: ScopeInfo): boolean {
  const ref = sdkRef(callee, scopes);
  return ref?.sdk === 'v2' && ref.path.length === 1 && ref.path[0] === 'Credentials';
}

type FunctionNode = NodeOfType<'ArrowFunctionExpression' | 'FunctionExpression' | 'FunctionDeclaration'>;

/** The node as a function with a body of code (arrow, expression or declaration), if it is one. */
function functionNode(loose: AstNode): FunctionNode | undefined {
  const fn = asNode(loose);
  return fn.type === 'ArrowFunctionExpression' ||
    fn.type === 'FunctionExpression' ||
    fn.type === 'FunctionDeclaration'
    ? fn
    : undefined;
}

/** The object a function returns: `() => ({ … })`, or a body ending in `return { … }` / `return creds`. */
function returnedObject(fn: FunctionNode, scopes: ScopeInfo): ObjectExpression | undefined {
  if (fn.generator) return undefined;
  const body = fn.body;
  if (!body) return undefined;
  let result: AstNode | undefined;
  if (body.type !== 'BlockStatement') result = unwrapExpression(body);
  else {
    const last = body.body.at(-1);
    const argument = last?.type === 'ReturnStatement' ? (last.argument ?? undefined) : undefined;
    const holder = argument && constantBinding(argument, scopes);
    result =
      holder?.init !== undefined ? unwrapExpression(holder.init) : argument && unwrapExpression(argument);
  }
  return isNodeOfType(result, 'ObjectExpression') ? result : undefined;
}

/**
 * The object a provider function with no parameters always returns:
 * `async () => ({ accessKeyId, … })` or `function () { return { … }; }`. A provider that takes
 * arguments or does anything else first is not one static set of keys.
 */
function providerResult(expr: AstNode, scopes: ScopeInfo): ObjectExpression | undefined {
  const fn = functionNode(expr);
  if (fn === undefined || fn.params.length > 0) return undefined;
  if (fn.body?.type === 'BlockStatement' && fn.body.body.length > 1) return undefined;
  return returnedObject(fn, scopes);
}

/**
 * The object a function of this file builds when it is called for the credentials
 * (`credentials: awsCredentials(config)`, a NestJS factory reading `ConfigService`), and its name.
 */
function builtBy(expr: AstNode, scopes: ScopeInfo): { object: ObjectExpression; name: string } | undefined {
  if (!isNodeOfType(expr, 'CallExpression')) return undefined;
  const callee = unwrapExpression(expr.callee);
  const name = identifierName(callee);
  const binding = name === undefined ? undefined : scopes.bindingOf(callee);
  if (name === undefined || binding === undefined) return undefined;
  const fn =
    binding.kind === 'function' ? scopes.parentOf(binding.id) : constantBinding(callee, scopes)?.init;
  const builder = fn && functionNode(unwrapExpression(fn));
  const object = builder && returnedObject(builder, scopes);
  return object === undefined ? undefined : { object, name };
}

/**
 * Reads a credentials expression: `{ accessKeyId, secretAccessKey, sessionToken }`,
 * `new AWS.Credentials(id, secret[, token])` or its object form, a provider function that only
 * returns such an object (`async () => ({ … })`), or a `const` holding any of them. Returns
 * `undefined` for anything else (a provider that computes, `fromIni()`, a parameter).
 */
export function credentialsFrom(
  node: AstNode,
  ctx: ClassifyContext,
  holders: Binding[] = [],
): CredentialsShape | undefined {
  const expr = unwrapExpression(node);
  const binding = constantBinding(expr, ctx.scopes);
  if (binding?.init !== undefined && holders.length < 4)
    return credentialsFrom(binding.init, ctx, [...holders, binding]);
  const returned = providerResult(expr, ctx.scopes);
  if (returned !== undefined) {
    const { values } = fieldValues(returned, ctx);
    return values.length === 0 ? undefined : { values, holders };
  }
  const built = builtBy(expr, ctx.scopes);
  if (built !== undefined) {
    const { values } = fieldValues(built.object, ctx);
    return values.length === 0 ? undefined : { values, holders, builder: built.name };
  }
  if (isNodeOfType(expr, 'ObjectExpression')) {
    const { values } = fieldValues(expr, ctx);
    return values.length === 0 ? undefined : { values, holders };
  }
  if (isNodeOfType(expr, 'NewExpression') && isV2CredentialsClass(expr.callee, ctx.scopes)) {
    const args = expr.arguments;
    const first = args[0] && unwrapExpression(args[0]);
    if (isNodeOfType(first, 'ObjectExpression')) {
      const { values } = fieldValues(first, ctx);
      return { values, holders };
    }
    // `new AWS.Credentials(id, secret, null)`: a literal `null` or `undefined` is no session token,
    // not a value computed at run time.
    const values = args.slice(0, 3).flatMap((arg, i) => {
      const field = CREDENTIAL_FIELDS[i] as CredentialField;
      return isNothing(arg, ctx.scopes)
        ? []
        : [{ field, node: arg, sources: classifyValue(arg, field, ctx) }];
    });
    return { values, holders };
  }
  return undefined;
}

/** The options object literal passed to a constructor, directly or through a `const`. */
export function optionsObject(
  arg: AstNode | undefined,
  scopes: ScopeInfo,
): { object?: ObjectExpression | undefined; binding?: Binding | undefined } {
  if (arg === undefined) return {};
  const expr = unwrapExpression(arg);
  if (isNodeOfType(expr, 'ObjectExpression')) return { object: expr };
  const binding = constantBinding(expr, scopes);
  const init = binding?.init && unwrapExpression(binding.init);
  return isNodeOfType(init, 'ObjectExpression') ? { object: init, binding } : {};
}
