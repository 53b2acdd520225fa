import type { VariableDeclaration, VariableDeclarator } from 'oxc-parser';
import {
  type AstNode,
  asNode,
  forEachChild,
  identifierName,
  isNodeOfType,
  memberPropertyName,
  unwrapExpression,
} from '../parse/AstNode.js';
import type { NodeOfType } from '../parse/NodeOfType.js';
import type { Binding, ScopeInfo } from '../scope/analyzeScopes.js';
import { type Edit, removeListItems, removeStatement } from './listEdits.js';

const PURE_CALLS = new Set(['String', 'Number', 'Boolean']);

/** Whether evaluating an initialiser has no effect besides its value, so deleting it is safe. */
function isPure(node: AstNode, depth = 0): boolean {
  if (depth > 20) return false;
  const expr = asNode(unwrapExpression(node));
  switch (expr.type) {
    case 'Literal':
    case 'Identifier':
    case 'TemplateLiteral':
    case 'BinaryExpression':
    case 'LogicalExpression':
    case 'ConditionalExpression':
    case 'ObjectExpression':
    case 'ArrayExpression':
    case 'Property':
    case 'SpreadElement':
    case 'MemberExpression':
    case 'TemplateElement':
    case 'UnaryExpression': {
      let pure = true;
      forEachChild(expr, (c) => {
        pure &&= isPure(c, depth + 1);
      });
      return pure;
    }
    case 'CallExpression': {
      const callee = expr.callee;
      const name =
        identifierName(callee) ??
        (callee.type === 'MemberExpression' ? memberPropertyName(callee) : undefined);
      if (
        name === undefined ||
        !(PURE_CALLS.has(name) || name === 'join' || name === 'trim' || name === 'toString')
      )
        return false;
      return expr.arguments.every((a) => isPure(a, depth + 1)) && isPure(callee, depth + 1);
    }
    case 'NewExpression':
      // `new AWS.Credentials(...)` only stores its arguments.
      return (
        /Credentials$/.test(memberPropertyName(expr.callee) ?? identifierName(expr.callee) ?? '') &&
        expr.arguments.every((a) => isPure(a, depth + 1))
      );
    default:
      return false;
  }
}

function overlaps(a: { start: number; end: number }, edits: Edit[]): boolean {
  return edits.some((e) => a.start < e.end && e.start < a.end);
}

function inside(node: AstNode, edits: Edit[]): boolean {
  return edits.some((e) => e.start <= node.start && node.end <= e.end && e.end > e.start);
}

/** The property of an object pattern that declares `binding` (`{ A, B: b = 1 }`), if its pattern is one. */
function patternProperty(
  binding: Binding,
  scopes: ScopeInfo,
): { pattern: NodeOfType<'ObjectPattern'>; prop: AstNode } | undefined {
  let node: AstNode | undefined = scopes.parentOf(binding.id);
  if (node?.type === 'AssignmentPattern') node = scopes.parentOf(node);
  const pattern = node && scopes.parentOf(node);
  if (node?.type !== 'Property' || !isNodeOfType(pattern, 'ObjectPattern')) return undefined;
  return binding.declarator?.id === pattern ? { pattern, prop: node } : undefined;
}

/**
 * Deletes `const`s (and never-reassigned `let`/`var`s) whose every read sits inside text the
 * `edits` remove or replace, as long as their initialiser is pure: a key constant disappears once
 * the credentials that used it do, and so does a constant that only fed that one. Repeats until
 * nothing more can go. Returns the extra edits and the deleted bindings.
 */
export function deleteDeadConstants(
  text: string,
  scopes: ScopeInfo,
  edits: Edit[],
): { edits: Edit[]; deleted: Set<Binding> } {
  const deleted = new Set<Binding>();
  // Per statement: the bindings deleted from it so far and the edits that do it. A statement that
  // loses another binding in a later round is planned again as a whole.
  const planned = new Map<AstNode, { bindings: Binding[]; edits: Edit[] }>();
  const current = () => [...edits, ...[...planned.values()].flatMap((p) => p.edits)];
  for (let changed = true; changed; ) {
    changed = false;
    const all = current();
    const dead = scopes.allBindings.filter(
      (b) =>
        !deleted.has(b) &&
        (b.kind === 'const' || b.kind === 'let' || b.kind === 'var') &&
        b.writes === 0 &&
        !b.exported &&
        b.statement !== undefined &&
        b.declarator !== undefined &&
        b.init !== undefined &&
        b.reads.length > 0 &&
        b.reads.every((r) => inside(r, all)) &&
        !inside(b.id, all) &&
        isPure(b.init),
    );
    const byStatement = new Map<VariableDeclaration, Binding[]>();
    for (const b of dead) {
      // Only a `VariableDeclaration` gives its bindings a declarator.
      const stmt = b.statement as VariableDeclaration;
      byStatement.set(stmt, [...(byStatement.get(stmt) ?? []), b]);
    }
    for (const [stmt, bindings] of byStatement) {
      const before = planned.get(stmt);
      const union = [...(before?.bindings ?? []), ...bindings];
      const next = planStatement(stmt, union, { text, scopes });
      const others = current().filter((e) => !before?.edits.includes(e));
      if (next === undefined || next.some((e) => overlaps(e, others))) continue;
      planned.set(stmt, { bindings: union, edits: next });
      for (const b of bindings) deleted.add(b);
      changed = true;
    }
  }
  return { edits: [...planned.values()].flatMap((p) => p.edits), deleted };
}

function planStatement(
  stmt: VariableDeclaration,
  bindings: Binding[],
  { text, scopes }: { text: string; scopes: ScopeInfo },
): Edit[] | undefined {
  const declarators = new Set<AstNode>();
  const patternEdits: Edit[] = [];
  const byPattern = new Map<NodeOfType<'ObjectPattern'>, Set<AstNode>>();
  for (const b of bindings) {
    const declarator = b.declarator as VariableDeclarator;
    if (declarator.id === b.id) {
      declarators.add(declarator);
      continue;
    }
    const found = patternProperty(b, scopes);
    if (found === undefined) return undefined;
    byPattern.set(found.pattern, (byPattern.get(found.pattern) ?? new Set()).add(found.prop));
  }
  for (const [pattern, props] of byPattern) {
    const result = removeListItems(text, {
      items: pattern.properties,
      remove: props,
      floor: pattern.start,
    });
    const declarator = scopes.parentOf(pattern) as AstNode;
    if (result === 'all') declarators.add(declarator);
    else patternEdits.push(...result);
  }
  const result = removeListItems(text, {
    items: stmt.declarations,
    remove: declarators,
    floor: stmt.start,
  });
  if (result === 'all') {
    const edit = removeStatement(text, stmt, scopes.parentOf(stmt));
    return edit === undefined ? undefined : [edit];
  }
  return [
    ...result,
    ...patternEdits.filter((e) => !result.some((r) => r.start <= e.start && e.end <= r.end)),
  ];
}
