import { type AstNode, asNode } from '../parse/AstNode.js';
import type { NodeType } from '../parse/NodeOfType.js';

/**
 * `nodesOfType(STRINGS)`: string literals, templates, `+` and `.join()` calls in pre-order (a
 * container before what it contains), the candidates of the string scan.
 */
export const STRINGS = 'strings';

/** The node types `nodesOfType` lists, so the rules iterate them without walking the tree again. */
const COLLECTED_TYPES = [
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
] as const satisfies readonly NodeType[];

export type CollectedType = (typeof COLLECTED_TYPES)[number];

export const COLLECTED: ReadonlySet<string> = new Set(COLLECTED_TYPES);

export function isStringCandidate(loose: AstNode): boolean {
  const node = asNode(loose);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string';
    case 'TemplateLiteral':
      return true;
    case 'BinaryExpression':
      return node.operator === '+';
    case 'CallExpression': {
      const callee = node.callee;
      return (
        callee.type === 'MemberExpression' && 'name' in callee.property && callee.property.name === 'join'
      );
    }
    default:
      return false;
  }
}
