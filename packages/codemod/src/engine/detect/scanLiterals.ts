import type { TemplateLiteral } from 'oxc-parser';
import {
  type AstNode,
  asNode,
  identifierName,
  isNodeOfType,
  memberPropertyName,
  propertyKeyName,
} from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import { STRINGS } from '../scope/collectedNodes.js';
import { type Folded, foldString } from '../scope/foldString.js';
import type { KeyHit } from './KeyHit.js';
import {
  findKeyIds,
  findSecrets,
  findSessionTokens,
  hasKeyIdPrefix,
  SECRET_NAME,
  SESSION_NAME,
} from './keyPatterns.js';
import type { TextContext } from './scanText.js';

/** A key id put together at run time (`` `AKIA${random}` ``): no value to rotate, but worth a note. */
export interface GeneratedKeyId {
  start: number;
  end: number;
}

const WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

/**
 * Finds key-shaped values in the strings of a program. Each maximal string expression
 * (concatenation, template, `[...].join('')`) is constant-folded first, so keys split into pieces
 * are found whole; parts that came from a `const` are left to that constant's own literal, so a key
 * is reported where it is written.
 */
export function scanLiterals(
  scopes: ScopeInfo,
  context: TextContext,
): { hits: KeyHit[]; generated: GeneratedKeyId[] } {
  // In pre-order, so a container is always seen before the strings inside it.
  const candidates = scopes.nodesOfType(STRINGS);
  const scan: LiteralScan = { scopes, context, hits: [], generated: [] };
  // A candidate whose container folded (or was itself inside one that did) is already scanned.
  const done = new Set<AstNode>();
  for (const node of candidates) {
    const container = foldContainer(node, scopes);
    if (container !== undefined && done.has(container)) {
      done.add(node);
      continue;
    }
    if (isNodeOfType(node, 'CallExpression') && !isJoinCall(node)) continue;
    const folded = foldString(node, scopes);
    if (folded !== undefined) {
      done.add(node);
      scan.hits.push(...hitsIn(folded, node, scan));
      continue;
    }
    if (isNodeOfType(node, 'TemplateLiteral')) scanQuasis(node, scan);
  }
  return { hits: scan.hits, generated: scan.generated };
}

/** What one file's literal scan reads and what it has found so far. */
interface LiteralScan {
  scopes: ScopeInfo;
  context: TextContext;
  hits: KeyHit[];
  generated: GeneratedKeyId[];
}

// No key shape is shorter than an access key id.
const SHORTEST_KEY = 20;

function hitsIn(folded: Folded, node: AstNode, { scopes, context }: LiteralScan): KeyHit[] {
  const { value } = folded;
  if (value.length < SHORTEST_KEY) return [];
  const matches = findKeyIds(value);
  if (value.length >= 40) {
    let name: string | undefined;
    const named = (pattern: RegExp) => {
      if (name === undefined) name = contextName(node, scopes) ?? '';
      return pattern.test(name);
    };
    for (const m of findSecrets(value)) if (context.hasKeyId || named(SECRET_NAME)) matches.push(m);
    for (const m of findSessionTokens(value))
      if (context.hasTemporaryKeyId || named(SESSION_NAME)) matches.push(m);
  }
  const hits: KeyHit[] = [];
  for (const m of matches) {
    // A piece that came from a `const` is reported where that constant is written.
    const bound = folded.bound.some((b) => b.start <= m.index && m.index + m.value.length <= b.end);
    if (!bound)
      hits.push({ kind: m.kind, value: m.value, start: node.start, end: node.end, origin: folded.how });
  }
  return hits;
}

function scanQuasis(node: TemplateLiteral, scan: LiteralScan): void {
  const quasis = node.quasis;
  quasis.forEach((quasi, i) => {
    const cooked = quasi.value.cooked;
    if (typeof cooked !== 'string') return;
    const folded: Folded = { value: cooked, how: 'template', bound: [], via: [] };
    scan.hits.push(...hitsIn(folded, quasi, scan));
    // `AKIA${…}` with fewer than the 16 id characters written out is a generated id.
    const tail = cooked.match(/(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{0,15}$/);
    if (i < quasis.length - 1 && tail !== null && hasKeyIdPrefix(tail[0])) {
      scan.generated.push({ start: node.start, end: node.end });
    }
  });
}

function isJoinCall(node: AstNode): boolean {
  const call = asNode(node);
  return (
    call.type === 'CallExpression' &&
    call.callee.type === 'MemberExpression' &&
    memberPropertyName(call.callee) === 'join' &&
    call.callee.object.type === 'ArrayExpression'
  );
}

/** The string expression this one is folded into, if any: a `+`, a template, or a `.join()` array. */
function foldContainer(node: AstNode, scopes: ScopeInfo): AstNode | undefined {
  let current = node;
  let parent = scopes.parentOf(current);
  while (parent !== undefined && WRAPPERS.has(parent.type)) {
    current = parent;
    parent = scopes.parentOf(current);
  }
  if (parent === undefined) return undefined;
  if (parent.type === 'BinaryExpression' && parent.operator === '+') return parent;
  if (parent.type === 'TemplateLiteral') return parent;
  if (parent.type === 'ArrayExpression') {
    const member = scopes.parentOf(parent);
    const call = member && scopes.parentOf(member);
    if (isNodeOfType(call, 'CallExpression') && isJoinCall(call) && call.callee === member) return call;
  }
  return undefined;
}

/** The name a string is stored under: variable, property, class field, assignment target or parameter. */
function contextName(node: AstNode, scopes: ScopeInfo): string | undefined {
  let current = node;
  for (let depth = 0; depth < 4; depth++) {
    const loose = scopes.parentOf(current);
    if (loose === undefined) return undefined;
    const parent = asNode(loose);
    switch (parent.type) {
      case 'VariableDeclarator':
        return identifierName(parent.id);
      case 'Property':
      case 'PropertyDefinition':
        return parent.value === current ? propertyKeyName(parent) : undefined;
      case 'AssignmentExpression': {
        const left = parent.left;
        if (left.type === 'MemberExpression') return memberPropertyName(left);
        return identifierName(left);
      }
      case 'AssignmentPattern':
        return identifierName(parent.left);
      case 'LogicalExpression':
      case 'ConditionalExpression':
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
        current = parent;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}
