import { type Node, visitorKeys } from 'oxc-parser';
import type { NodeOfType, NodeType } from './NodeOfType.js';

/** Every field name some oxc node type has. */
type NodeField = Node extends infer N ? (N extends unknown ? keyof N : never) : never;

/**
 * A loose view of an oxc ESTree node: `type`, `start`, `end`, and any field of any node type as
 * `unknown`. Every typed node (`Node`, `CallExpression`, … from `oxc-parser`'s types) is one, so
 * typed code hands its nodes to loose code unchanged; loose code narrows with `isNodeOfType`.
 * Tools that read a handful of fields from many node types (`@keyless/policy`) use it as is.
 */
export type AstNode = { type: string; start: number; end: number } & {
  [F in Exclude<NodeField, 'type' | 'start' | 'end'>]?: unknown;
};

/**
 * The typed view of a node a generic walk (`forEachChild`, `child`) handed over: every `AstNode`
 * the engine holds came out of oxc, so its `type` tells which node it is and a `switch` on it
 * narrows.
 */
export function asNode(node: AstNode): Node {
  return node as Node;
}

/** Whether a loose node is a `type` node, narrowing it to oxc's type for that node. */
export function isNodeOfType<T extends NodeType>(node: AstNode | undefined, type: T): node is NodeOfType<T> {
  return node?.type === type;
}

/** A field by name, for the generic walks that go by oxc's `visitorKeys`. */
function field(node: AstNode, name: string): unknown {
  return (node as Record<string, unknown>)[name];
}

export function isNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The node in `field`, if that field holds one. */
export function child(node: AstNode, name: string): AstNode | undefined {
  const value = field(node, name);
  return isNode(value) ? value : undefined;
}

/** The nodes in an array `field` (holes and nulls dropped). */
export function children(node: AstNode, name: string): AstNode[] {
  const value = field(node, name);
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** Calls `fn` on each direct child node, in source order. */
export function forEachChild(node: AstNode, fn: (child: AstNode, field: string) => void): void {
  const keys = visitorKeys[node.type];
  if (keys === undefined) return;
  for (const key of keys) {
    const value = field(node, key);
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) fn(item, key);
    } else if (isNode(value)) fn(value, key);
  }
}

/** `name` of an Identifier (or JSX/private name), or `undefined`. */
export function identifierName(node: AstNode | undefined): string | undefined {
  return node?.type === 'Identifier' && typeof node.name === 'string' ? node.name : undefined;
}

/** The value of a string Literal, or `undefined`. */
export function stringValue(node: AstNode | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

/** A non-computed property key's name (`a` in `{ a: 1 }`, `'a'` in `{ 'a': 1 }`). */
export function propertyKeyName(prop: AstNode): string | undefined {
  if (prop.computed === true) return stringValue(child(prop, 'key'));
  const key = child(prop, 'key');
  return identifierName(key) ?? stringValue(key);
}

/** The property name of a member access (`b` in `a.b` and `a['b']`). */
export function memberPropertyName(member: AstNode): string | undefined {
  const prop = child(member, 'property');
  if (member.computed === true) return stringValue(prop);
  return identifierName(prop);
}

/** Strips wrappers that do not change a value: `x!`, `x as T`, `<T>x`, `x satisfies T`, `(x)`. */
export function unwrapExpression(node: AstNode): AstNode {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSSatisfiesExpression':
      case 'TSNonNullExpression':
      case 'TSTypeAssertion':
      case 'ParenthesizedExpression':
      case 'ChainExpression': {
        const inner = child(current, 'expression');
        if (inner === undefined) return current;
        current = inner;
        break;
      }
      default:
        return current;
    }
  }
}
