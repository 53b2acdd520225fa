import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AstNode,
  analyzeModule,
  child,
  children,
  createModuleReader,
  exportTarget,
  identifierName,
  propertyKeyName,
  stringValue,
  unwrapExpression,
} from '@keyless/codemod/analysis';
import type { AnalysisProblem, ModuleContext } from './SdkCall.js';
import { tooDeep } from './tooDeep.js';

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
 * client: relative imports resolve to the files being analysed, each parsed once and only when it
 * is first needed (most files of a large tree are never looked at: see `sdkCallers`).
 */
export class Project {
  /** Files that did not parse, in the order they were first needed. */
  readonly problems: AnalysisProblem[] = [];
  readonly #texts: ReadonlyMap<string, string>;
  readonly #modules = new Map<string, ProjectModule | undefined>();
  readonly #read: (fromFile: string, specifier: string) => { file: string } | undefined;

  /** `texts`: each analysed file's text by its path relative to `cwd`. */
  constructor(texts: ReadonlyMap<string, string>, cwd: string) {
    this.#texts = texts;
    // Imports resolve only inside the analysed directory (by its real path, as the reader compares).
    this.#read = createModuleReader(cwd, [realRoot(cwd)], new Map(texts));
  }

  /** The parsed module of an analysed file; `undefined` (and a problem, once) when it does not parse. */
  module(file: string): ProjectModule | undefined {
    if (this.#modules.has(file)) return this.#modules.get(file);
    const text = this.#texts.get(file);
    let module: ProjectModule | undefined;
    if (text !== undefined) {
      try {
        const mod = analyzeModule(file, text);
        if (mod.ok) module = { file, text, program: mod.program, scopes: mod.scopes, lines: mod.lines };
        else
          this.problems.push({
            file,
            line: mod.line,
            column: mod.column,
            kind: 'parse',
            message: `cannot parse ${file}: ${mod.message}; its AWS calls are not in the policy`,
          });
      } catch (e: unknown) {
        this.problems.push(tooDeep(e, { file, line: 1, column: 1 }, 'its AWS calls are not in the policy'));
      }
    }
    this.#modules.set(file, module);
    return module;
  }

  /** The parsed module a relative specifier of `fromFile` names, if it is one of the analysed files. */
  resolve(fromFile: string, specifier: string): ProjectModule | undefined {
    const found = this.#read(fromFile, specifier);
    return found === undefined ? undefined : this.module(found.file);
  }

  /** What `module` exports as `name` (`default` for the default export / `module.exports`). */
  exported(module: ProjectModule, name: string, via: Set<ProjectModule> = new Set()): Exported | undefined {
    const at = (node: AstNode | undefined): Exported | undefined =>
      node === undefined ? undefined : { node, module };
    // `export { x as y } from './m'` and `export * from './m'` (barrel files): the other module's
    // export, each module visited once so a re-export cycle ends.
    via.add(module);
    const from = (stmt: AstNode, exportedName: string): Exported | undefined => {
      const source = stringValue(child(stmt, 'source'));
      const target = source === undefined ? undefined : this.resolve(module.file, source);
      return target === undefined || via.has(target) ? undefined : this.exported(target, exportedName, via);
    };
    for (const stmt of children(module.program, 'body')) {
      if (stmt.type === 'ExportDefaultDeclaration' && name === 'default')
        return at(child(stmt, 'declaration'));
      if (
        stmt.type === 'ExportAllDeclaration' &&
        child(stmt, 'exported') === undefined &&
        name !== 'default'
      ) {
        const found = from(stmt, name);
        if (found !== undefined) return found;
      }
      if (stmt.type === 'ExportNamedDeclaration') {
        for (const spec of children(stmt, 'specifiers')) {
          const exportedName = moduleExportName(child(spec, 'exported'));
          if (exportedName !== name) continue;
          if (child(stmt, 'source') === undefined) return at(child(spec, 'local'));
          const localName = moduleExportName(child(spec, 'local'));
          return localName === undefined ? undefined : from(stmt, localName);
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

/** The name of an export specifier's side: `x`, or a string name (`export { x as "a-b" }`). */
function moduleExportName(node: AstNode | undefined): string | undefined {
  return identifierName(node) ?? stringValue(node);
}

function realRoot(cwd: string): string {
  try {
    return realpathSync(cwd);
  } catch {
    return resolve(cwd);
  }
}
