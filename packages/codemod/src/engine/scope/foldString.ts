import { type AstNode, asNode, memberPropertyName, unwrapExpression } from '../parse/AstNode.js';
import type { Binding, ScopeInfo } from './analyzeScopes.js';

/** How a folded string was written; anything but `literal`/`template` means it was put together. */
export type FoldHow = 'literal' | 'template' | 'concat' | 'join';

/** A piece of a folded string that came from a named constant rather than from the expression itself. */
interface BoundSegment {
  start: number;
  end: number;
}

export interface Folded {
  value: string;
  how: FoldHow;
  /** Parts that came from resolved `const` bindings (their literals are scanned where they live). */
  bound: BoundSegment[];
  /** The `const` bindings the value was read through, outermost first. */
  via: Binding[];
}

const MAX_DEPTH = 8;

/**
 * Constant-folds a string expression: literals, templates whose expressions fold, `+`
 * concatenation, `[...].join(sep)`, and identifiers bound to a never-written `const`/`let`/`var`
 * whose initialiser folds. Anything else (calls, parameters, env reads) does not fold.
 */
export function foldString(node: AstNode, scopes: ScopeInfo, depth = 0): Folded | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const expr = asNode(unwrapExpression(node));
  switch (expr.type) {
    case 'Literal':
      if (typeof expr.value === 'string') return { value: expr.value, how: 'literal', bound: [], via: [] };
      if (typeof expr.value === 'number')
        return { value: String(expr.value), how: 'literal', bound: [], via: [] };
      return undefined;
    case 'TemplateLiteral': {
      const { quasis, expressions } = expr;
      const parts: Folded[] = [];
      for (let i = 0; i < quasis.length; i++) {
        const cooked = quasis[i]?.value.cooked;
        if (typeof cooked !== 'string') return undefined;
        parts.push({ value: cooked, how: 'literal', bound: [], via: [] });
        const e = expressions[i];
        if (e !== undefined) {
          const folded = foldString(e, scopes, depth + 1);
          if (folded === undefined) return undefined;
          parts.push(folded);
        }
      }
      if (expressions.length === 0) return join(parts, 'template');
      // `${KEY}` alone is just KEY.
      const only =
        parts.length === 3 && parts[0]?.value === '' && parts[2]?.value === '' ? parts[1] : undefined;
      return join(parts, only?.how ?? 'concat');
    }
    case 'BinaryExpression': {
      if (expr.operator !== '+') return undefined;
      const { left, right } = expr;
      const l = foldString(left, scopes, depth + 1);
      const r = l && foldString(right, scopes, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      // `1 + 2` is arithmetic, not concatenation.
      if (!isStringish(left, scopes) && !isStringish(right, scopes)) return undefined;
      return join([l, r], 'concat');
    }
    case 'CallExpression': {
      const callee = asNode(unwrapExpression(expr.callee));
      if (callee.type !== 'MemberExpression' || memberPropertyName(callee) !== 'join') return undefined;
      const array = asNode(unwrapExpression(callee.object));
      if (array.type !== 'ArrayExpression') return undefined;
      const sepNode = expr.arguments[0];
      const sep: Folded | undefined =
        sepNode === undefined
          ? { value: ',', how: 'literal', bound: [], via: [] }
          : foldString(sepNode, scopes, depth + 1);
      if (sep === undefined) return undefined;
      const parts: Folded[] = [];
      for (const [i, el] of array.elements.entries()) {
        if (!el) return undefined;
        const folded = foldString(el, scopes, depth + 1);
        if (folded === undefined) return undefined;
        if (i > 0) parts.push(sep);
        parts.push(folded);
      }
      return join(parts, 'join');
    }
    case 'Identifier': {
      const binding = scopes.bindingOf(expr);
      if (binding === undefined || binding.writes > 0 || binding.init === undefined) return undefined;
      if (binding.path === undefined || binding.path.length > 0) return undefined;
      if (binding.kind !== 'const' && binding.kind !== 'let' && binding.kind !== 'var') return undefined;
      const folded = foldString(binding.init, scopes, depth + 1);
      if (folded === undefined) return undefined;
      return {
        value: folded.value,
        how: folded.how,
        bound: [{ start: 0, end: folded.value.length }],
        via: [binding, ...folded.via],
      };
    }
    default:
      return undefined;
  }
}

function isStringish(node: AstNode, scopes: ScopeInfo, depth = 0): boolean {
  const expr = asNode(unwrapExpression(node));
  if (depth > MAX_DEPTH) return false;
  switch (expr.type) {
    case 'Literal':
      return typeof expr.value === 'string';
    case 'TemplateLiteral':
    case 'CallExpression':
      return true;
    case 'BinaryExpression':
      return isStringish(expr.left, scopes, depth + 1) || isStringish(expr.right, scopes, depth + 1);
    case 'Identifier': {
      const init = scopes.bindingOf(expr)?.init;
      return init !== undefined && isStringish(init, scopes, depth + 1);
    }
    default:
      return false;
  }
}

function join(parts: Folded[], how: FoldHow): Folded {
  let value = '';
  const bound: BoundSegment[] = [];
  const via: Binding[] = [];
  for (const part of parts) {
    for (const seg of part.bound)
      bound.push({ start: seg.start + value.length, end: seg.end + value.length });
    via.push(...part.via);
    value += part.value;
  }
  return { value, how, bound, via };
}
