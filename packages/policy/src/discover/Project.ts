import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AstNode,
  child,
  children,
  createModuleReader,
  exportTarget,
  identifierName,
  propertyKeyName,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import type { ModuleContext } from './SdkCall.js';

/** A parsed module of the project. */
export interface ProjectModule extends ModuleContext {
  program: AstNode;
}

/** A value another module exports, with the module whose scopes read it. */
export interface Exported {
  node: AstNode;
  module: ProjectModule;
}

/**
 * The modules of one analysis, so a client created in `aws.ts` and used in `handler.ts` is the same
 * client: relative imports resolve to parsed modules (the files being analysed, read once).
 */
export class Project {
  readonly modules: ReadonlyMap<string, ProjectModule>;
  readonly #read: (fromFile: string, specifier: string) => { file: string } | undefined;

  constructor(modules: ReadonlyMap<string, ProjectModule>, cwd: string) {
    this.modules = modules;
    const seen = new Map([...modules].map(([file, m]) => [file, m.text]));
    // Imports resolve only inside the analysed directory (by its real path, as the reader compares).
    this.#read = createModuleReader(cwd, [realRoot(cwd)], seen);
  }

  /** The parsed module a relative specifier of `fromFile` names, if it is one of the analysed files. */
  resolve(fromFile: string, specifier: string): ProjectModule | undefined {
    const found = this.#read(fromFile, specifier);
    return found === undefined ? undefined : this.modules.get(found.file);
  }

  /** What `module` exports as `name` (`default` for the default export / `module.exports`). */
  exported(module: ProjectModule, name: string): Exported | undefined {
    const at = (node: AstNode | undefined): Exported | undefined =>
      node === undefined ? undefined : { node, module };
    for (const stmt of children(module.program, 'body')) {
      if (stmt.type === 'ExportDefaultDeclaration' && name === 'default')
        return at(child(stmt, 'declaration'));
      if (stmt.type === 'ExportNamedDeclaration') {
        for (const spec of children(stmt, 'specifiers')) {
          const exportedName = identifierName(child(spec, 'exported')) ?? child(spec, 'exported')?.value;
          if (exportedName === name && child(stmt, 'source') === undefined) return at(child(spec, 'local'));
        }
        const declaration = child(stmt, 'declaration');
        if (declaration !== undefined && identifierName(child(declaration, 'id')) === name)
          return at(declaration);
        for (const decl of children(declaration ?? stmt, 'declarations'))
          if (identifierName(child(decl, 'id')) === name) return at(child(decl, 'init'));
      }
      const assignment = stmt.type === 'ExpressionStatement' ? child(stmt, 'expression') : undefined;
      if (assignment?.type !== 'AssignmentExpression') continue;
      const target = exportTarget(child(assignment, 'left'));
      const right = child(assignment, 'right');
      if (target === name) return at(right);
      if (target === 'module.exports' && right !== undefined) {
        if (name === 'default') return at(right);
        const object = unwrapExpression(right);
        if (object.type !== 'ObjectExpression') continue;
        for (const prop of children(object, 'properties'))
          if (prop.type === 'Property' && propertyKeyName(prop) === name) return at(child(prop, 'value'));
      }
    }
    return undefined;
  }
}

function realRoot(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return resolve(cwd);
  }
}
