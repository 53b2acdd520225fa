import type { Directive, Program, Statement } from 'oxc-parser';
import { type AstNode, child, children, stringValue } from '../parse/AstNode.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';
import { requireSource } from '../scope/resolveModuleRef.js';
import type { FixInput } from './FixInput.js';
import type { Edit } from './listEdits.js';
import type { Needed } from './siteEdits.js';

const MODULE_OF: Record<Needed, string> = {
  fromInstanceRole: '@keyless/credentials',
  InstanceRoleCredentials: '@keyless/shims',
};

/** Whether `name` can be used for our import: free, or already imported from our module. */
export function importState(name: Needed, scopes: ScopeInfo): 'free' | 'present' | 'taken' {
  const binding = scopes.moduleBindings.get(name);
  if (binding === undefined) return 'free';
  const fromUs =
    (binding.kind === 'import' && binding.importSource === MODULE_OF[name] && binding.importName === name) ||
    (binding.init !== undefined &&
      requireSource(binding.init, scopes) === MODULE_OF[name] &&
      binding.path?.length === 1 &&
      binding.path[0] === name);
  return fromUs ? 'present' : 'taken';
}

function isImportish(stmt: Directive | Statement, scopes: ScopeInfo): boolean {
  if (stmt.type === 'ImportDeclaration' || stmt.type === 'TSImportEqualsDeclaration') return true;
  if (stmt.type !== 'VariableDeclaration') return false;
  return stmt.declarations.some((d) => {
    let init = d.init;
    while (init?.type === 'MemberExpression') init = init.object;
    return init !== null && requireSource(init, scopes) !== undefined;
  });
}

/** The file's own import style: ESM `import`, or CommonJS `require` when that is all it uses. */
function usesRequire(program: Program, scopes: ScopeInfo, file: string): boolean {
  const body = program.body;
  const esm = body.some(
    (s) =>
      /^(Import|Export)/.test(s.type) ||
      s.type === 'TSImportEqualsDeclaration' ||
      s.type === 'TSExportAssignment',
  );
  if (esm) return false;
  if (/\.(cjs|cts)$/.test(file)) return true;
  if (/\.(mjs|mts)$/.test(file)) return false;
  return (
    body.some((s) => isImportish(s, scopes)) ||
    scopes.nodesOfType('MemberExpression').some(({ object }) => {
      return (
        object.type === 'Identifier' &&
        (object.name === 'module' || object.name === 'exports') &&
        scopes.bindingOf(object) === undefined
      );
    })
  );
}

/**
 * The insertion that adds `names` once, in the file's own module style, quote style, semicolon
 * habit and line ending: after the last top-level import/require before `before` (the first
 * rewritten offset), else after the directive prologue, else at the first statement.
 */
export function importEdit(input: FixInput, names: Needed[], before: number): Edit | undefined {
  const { text, program, scopes, file } = input;
  if (names.length === 0) return undefined;
  const body = program.body;
  const anchor = body.filter((s) => s.end <= before && isImportish(s, scopes)).pop();
  const directive = body
    .filter((s) => s.type === 'ExpressionStatement' && typeof s.directive === 'string')
    .pop();
  const quoteSource = anchor === undefined ? undefined : anchorSource(anchor, scopes);
  const quote = quoteSource?.startsWith('"') ? '"' : "'";
  const semi =
    anchor === undefined
      ? /;\s*$/.test(text.slice(body[0]?.start ?? 0, body[0]?.end ?? 0)) || body.length === 0
      : text.slice(anchor.start, anchor.end).trimEnd().endsWith(';');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const cjs = usesRequire(program, scopes, file);
  const lines = names.map((name) => {
    const from = `${quote}${MODULE_OF[name]}${quote}`;
    return cjs
      ? `const { ${name} } = require(${from})${semi ? ';' : ''}`
      : `import { ${name} } from ${from}${semi ? ';' : ''}`;
  });
  const after = anchor ?? directive;
  if (after !== undefined) {
    const at = endOfLine(text, after.end, { body, limit: before });
    return { start: at, end: at, text: `${eol}${lines.join(eol)}` };
  }
  const first = body[0];
  const at = first?.start ?? text.length;
  return { start: at, end: at, text: `${lines.join(eol)}${eol}${first === undefined ? '' : eol}` };
}

/** The raw source literal of an import/require statement, for its quote character. */
function anchorSource(stmt: AstNode, scopes: ScopeInfo): string | undefined {
  if (stmt.type === 'ImportDeclaration') return child(stmt, 'source')?.raw as string | undefined;
  const find = (node: AstNode | undefined): string | undefined => {
    if (node === undefined) return undefined;
    if (node.type === 'Literal' && stringValue(node) !== undefined) return node.raw as string | undefined;
    if (node.type === 'CallExpression' && requireSource(node, scopes) !== undefined)
      return find(children(node, 'arguments')[0]);
    return find(
      child(node, 'init') ??
        child(node, 'object') ??
        child(node, 'moduleReference') ??
        child(node, 'expression') ??
        children(node, 'declarations')[0],
    );
  };
  return find(stmt);
}

/**
 * Where a new line can go after a statement: the end of its line, unless something that starts on
 * that line runs on past it or the rewrite starts on it (then right after the statement).
 */
function endOfLine(text: string, pos: number, { body, limit }: { body: AstNode[]; limit: number }): number {
  let end = text.indexOf('\n', pos);
  if (end === -1) end = text.length;
  if (text[end - 1] === '\r') end -= 1;
  const rest = text.slice(pos, end);
  const openComment = rest.lastIndexOf('/*') > rest.lastIndexOf('*/');
  const spills = body.some((s) => s.start < end && s.end > end);
  // A `require` must also run before the first rewritten code, which may share the line.
  return openComment || spills || end > limit ? pos : end;
}
