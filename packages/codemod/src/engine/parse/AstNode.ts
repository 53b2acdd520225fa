import { visitorKeys } from 'oxc-parser';

/**
 * The engine's view of an oxc ESTree node. The rules read a handful of fields from many node types,
 * so a loose record with typed accessors reads better here than oxc's exhaustive node unions.
 */
export interface AstNode {
  type: string;
  start: number;
  end: number;
  [field: string | symbol]: unknown;
}

export function isNode(value: unknown): value is AstNode {
  return (
    typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
  );
}

/** The node in `field`, if that field holds one. */
export function child(node: AstNode, field: string): AstNode | undefined {
  const value = node[field];
  return isNode(value) ? value : undefined;
}

/** The nodes in an array `field` (holes and nulls dropped). */
export function children(node: AstNode, field: string): AstNode[] {
  const value = node[field];
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** Calls `fn` on each direct child node, in source order. */
export function forEachChild(node: AstNode, fn: (child: AstNode, field: string) => void): void {
  const keys = visitorKeys[node.type];
  if (keys === undefined) return;
  for (const key of keys) {
    const value = node[key];
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
