import { type AstNode, child, children, identifierName } from '../parse/AstNode.js';
import type { Scope } from './Binding.js';
import type { ScopeWalker } from './walkPatterns.js';

function markExported(id: AstNode | undefined, scope: Scope): void {
  const name = identifierName(id);
  if (name === undefined) return;
  const binding = scope.bindings.get(name);
  if (binding !== undefined) binding.exported = true;
}

/**
 * The module-level statements of the scope walk: imports (`import x from 'm'`, `import x =
 * require('m')`) declare bindings with their source, exports mark the bindings they name (a
 * re-export from another module declares nothing here).
 */
export function visitModuleDeclaration(w: ScopeWalker, node: AstNode, scope: Scope): void {
  switch (node.type) {
    case 'ImportDeclaration': {
      const source = child(node, 'source');
      const from = typeof source?.value === 'string' ? source.value : undefined;
      for (const spec of children(node, 'specifiers')) {
        w.note(spec, node);
        const local = child(spec, 'local');
        if (local === undefined) continue;
        w.note(local, spec);
        const imported = child(spec, 'imported');
        const importName =
          spec.type === 'ImportDefaultSpecifier'
            ? 'default'
            : spec.type === 'ImportNamespaceSpecifier'
              ? '*'
              : (identifierName(imported) ??
                (typeof imported?.value === 'string' ? imported.value : undefined));
        w.declare(scope, local, 'import', { importSource: from, importName, statement: node });
      }
      return;
    }
    case 'TSImportEqualsDeclaration': {
      const id = child(node, 'id');
      const ref = child(node, 'moduleReference');
      if (id === undefined) return;
      w.note(id, node);
      if (ref?.type === 'TSExternalModuleReference') {
        const source = child(ref, 'expression');
        const from = typeof source?.value === 'string' ? source.value : undefined;
        w.declare(scope, id, 'import', { importSource: from, importName: '*', statement: node });
      } else {
        w.declare(scope, id, 'other');
        if (ref !== undefined) w.typeWalk(ref, node, scope);
      }
      return;
    }
    case 'ExportNamedDeclaration': {
      const declaration = child(node, 'declaration');
      if (declaration !== undefined) {
        w.visit(declaration, node, scope);
        for (const decl of children(declaration, 'declarations')) markExported(child(decl, 'id'), scope);
        markExported(child(declaration, 'id'), scope);
        return;
      }
      if (child(node, 'source') !== undefined) return;
      for (const spec of children(node, 'specifiers')) {
        w.note(spec, node);
        const local = child(spec, 'local');
        if (local?.type === 'Identifier') {
          w.note(local, spec);
          w.reference(local, scope, false);
        }
      }
      return;
    }
    case 'ExportAllDeclaration':
      return;
  }
}
