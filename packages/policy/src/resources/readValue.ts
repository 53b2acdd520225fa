import {
  type AstNode,
  child,
  children,
  foldString,
  identifierName,
  memberPropertyName,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import { definitionsOf } from '../discover/definitionsOf.js';
import type { Project, ProjectModule } from '../discover/Project.js';
import { snippet } from '../discover/snippet.js';
import { concat, type Value } from './Value.js';

const MAX_DEPTH = 10;

/**
 * What a request parameter expression holds, as far as the code tells: literals and constants
 * (here or in another module of the project), `process.env.X` (with a `??`/`||` fallback),
 * templates and `+` of those; the first part computed at run time ends the known prefix.
 */
export function readValue(
  node: AstNode,
  module: ProjectModule,
  project: Project,
  param: string,
  depth = 0,
): Value {
  const expr = unwrapExpression(node);
  const open = (): Value => ({
    parts: [],
    open: { expression: snippet(module, expr), line: module.lines.position(expr.start).line },
    param,
  });
  if (depth > MAX_DEPTH) return open();
  const folded = foldString(expr, module.scopes);
  if (folded !== undefined) return { parts: [{ text: folded.value }], param };
  const env = envName(expr, module);
  if (env !== undefined) return { parts: [{ env }], param };
  const again = (n: AstNode, m: ProjectModule = module) => readValue(n, m, project, param, depth + 1);
  switch (expr.type) {
    case 'LogicalExpression': {
      const left = child(expr, 'left');
      const right = child(expr, 'right');
      const name = left && envName(unwrapExpression(left), module);
      const fallback = right && foldString(right, module.scopes)?.value;
      if ((expr.operator === '??' || expr.operator === '||') && name !== undefined && fallback !== undefined)
        return { parts: [{ env: name, default: fallback }], param };
      return open();
    }
    case 'TemplateLiteral': {
      const quasis = children(expr, 'quasis');
      const expressions = children(expr, 'expressions');
      const pieces: (Value | string)[] = [];
      for (let i = 0; i < quasis.length; i++) {
        const cooked = (quasis[i]?.value as { cooked?: unknown } | undefined)?.cooked;
        pieces.push(typeof cooked === 'string' ? cooked : '');
        const e = expressions[i];
        if (e !== undefined) pieces.push(again(e));
      }
      return concat(param, ...pieces);
    }
    case 'BinaryExpression': {
      const left = child(expr, 'left');
      const right = child(expr, 'right');
      if (expr.operator !== '+' || left === undefined || right === undefined) return open();
      return concat(param, again(left), again(right));
    }
    case 'Identifier':
    case 'MemberExpression': {
      const defs = definitionsOf(expr, module, project, { branches: false }).filter((d) => d.node !== expr);
      const [only] = defs;
      if (defs.length === 1 && only !== undefined) return again(only.node, only.module);
      return open();
    }
    default:
      return open();
  }
}

/** `process.env.X`, `process.env['X']`, or a name destructured from `process.env`. */
function envName(expr: AstNode, module: ProjectModule): string | undefined {
  if (expr.type === 'MemberExpression') {
    const object = child(expr, 'object');
    return object !== undefined && isProcessEnv(object, module) ? memberPropertyName(expr) : undefined;
  }
  if (expr.type !== 'Identifier') return undefined;
  const binding = module.scopes.bindingOf(expr);
  const [key, ...rest] = binding?.path ?? [];
  if (binding?.init === undefined || binding.writes > 0 || key === undefined || rest.length > 0)
    return undefined;
  return isProcessEnv(binding.init, module) ? key : undefined;
}

function isProcessEnv(node: AstNode, module: ProjectModule): boolean {
  const expr = unwrapExpression(node);
  if (expr.type !== 'MemberExpression' || memberPropertyName(expr) !== 'env') return false;
  const object = child(expr, 'object');
  return (
    identifierName(object) === 'process' &&
    object !== undefined &&
    module.scopes.bindingOf(object) === undefined
  );
}
