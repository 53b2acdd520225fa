import type {
  ExportNamedDeclaration,
  ImportDeclaration,
  ModuleExportName,
  TSImportEqualsDeclaration,
} from 'oxc-parser';
import { type AstNode, identifierName } from '../parse/AstNode.js';
import type { NodeOfType } from '../parse/NodeOfType.js';
import type { Scope } from './Binding.js';
import type { ScopeWalker } from './ScopeWalker.js';

function markExported(id: AstNode | null | undefined, scope: Scope): void {
  const name = identifierName(id ?? undefined);
  if (name === undefined) return;
  const binding = scope.bindings.get(name);
  if (binding !== undefined) binding.exported = true;
}

/** `x` of `import { x }` and `import { 'x' as y }`. */
function exportName(name: ModuleExportName): string | undefined {
  return name.type === 'Identifier' ? name.name : typeof name.value === 'string' ? name.value : undefined;
}

function visitImport(w: ScopeWalker, node: ImportDeclaration, scope: Scope): void {
  const from = node.source.value;
  for (const spec of node.specifiers) {
    w.note(spec, node);
    w.note(spec.local, spec);
    const importName =
      spec.type === 'ImportDefaultSpecifier'
        ? 'default'
        : spec.type === 'ImportNamespaceSpecifier'
          ? '*'
          : exportName(spec.imported);
    w.declare(scope, spec.local, { kind: 'import', importSource: from, importName, statement: node });
  }
}

function visitImportEquals(w: ScopeWalker, node: TSImportEqualsDeclaration, scope: Scope): void {
  const ref = node.moduleReference;
  w.note(node.id, node);
  if (ref.type === 'TSExternalModuleReference') {
    const from = ref.expression.value;
    w.declare(scope, node.id, { kind: 'import', importSource: from, importName: '*', statement: node });
  } else {
    w.declare(scope, node.id, { kind: 'other' });
    w.typeWalk(ref, node, scope);
  }
}

function visitExport(w: ScopeWalker, node: ExportNamedDeclaration, scope: Scope): void {
  const declaration = node.declaration;
  if (declaration) {
    w.visit(declaration, node, scope);
    if (declaration.type === 'VariableDeclaration')
      for (const decl of declaration.declarations) markExported(decl.id, scope);
    else markExported(declaration.id, scope);
    return;
  }
  if (node.source) return;
  for (const spec of node.specifiers) {
    w.note(spec, node);
    if (spec.local.type === 'Identifier') {
      w.note(spec.local, spec);
      w.reference(spec.local, scope, false);
    }
  }
}

/**
 * The module-level statements of the scope walk: imports (`import x from 'm'`, `import x =
 * require('m')`) declare bindings with their source, exports mark the bindings they name (a
 * re-export from another module declares nothing here).
 */
export function visitModuleDeclaration(
  w: ScopeWalker,
  node: NodeOfType<
    'ImportDeclaration' | 'TSImportEqualsDeclaration' | 'ExportNamedDeclaration' | 'ExportAllDeclaration'
  >,
  scope: Scope,
): void {
  if (node.type === 'ImportDeclaration') visitImport(w, node, scope);
  else if (node.type === 'TSImportEqualsDeclaration') visitImportEquals(w, node, scope);
  else if (node.type === 'ExportNamedDeclaration') visitExport(w, node, scope);
}
