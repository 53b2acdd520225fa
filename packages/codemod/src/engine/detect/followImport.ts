import type { ObjectProperty, Program } from 'oxc-parser';
import type { AnalyzeOptions, ModuleBase } from '../AnalyzeOptions.js';
import {
  type AstNode,
  identifierName,
  isNodeOfType,
  memberPropertyName,
  propertyKeyName,
} from '../parse/AstNode.js';
import { fileKind } from '../parse/fileKind.js';
import { parseCode } from '../parse/parseCode.js';
import { analyzeScopes, type Binding, type ScopeInfo } from '../scope/analyzeScopes.js';
import {
  type ClassifyContext,
  classifyValue,
  type ImportFollower,
  type ImportMode,
  isRealValue,
} from './classifyValue.js';
import type { CredentialField, ValueSource } from './ValueSource.js';

export type ReadModule = NonNullable<AnalyzeOptions['readModule']>;

type Loaded =
  | { file: string; json: unknown }
  | { file: string; scopes: ScopeInfo; program: Program }
  | undefined;

/**
 * Builds the one-level import follower: a credential read from `./config` is looked up in that
 * module (JSON, or ESM/CJS exports of a `const` or object literal) and classified there, without
 * following its own imports. A key found there comes back as a config source with `remote`, so the
 * finding here can name the key and the file that holds it.
 */
export function followImport(
  fromFile: string,
  readModule: ReadModule | undefined,
): ImportFollower | undefined {
  if (readModule === undefined) return undefined;
  const cache = new Map<string, Loaded>();
  const load = (specifier: string, from: ModuleBase): Loaded => {
    const key = `${from}:${specifier}`;
    if (cache.has(key)) return cache.get(key);
    let loaded: Loaded;
    try {
      const mod = readModule(fromFile, specifier, from);
      if (mod !== undefined) {
        if (/\.json$/i.test(mod.file)) loaded = { file: mod.file, json: JSON.parse(mod.text) as unknown };
        else if (fileKind(mod.file) === 'code') {
          const parsed = parseCode(mod.file, mod.text);
          if (parsed.ok)
            loaded = { file: mod.file, program: parsed.program, scopes: analyzeScopes(parsed.program) };
        }
      }
    } catch {
      // An unreadable or malformed module is just one we cannot follow.
      loaded = undefined;
    }
    cache.set(key, loaded);
    return loaded;
  };

  return ({ specifier, mode, path, field, from }) => {
    const mod = load(specifier, from);
    if (mod === undefined) return undefined;
    if ('json' in mod) {
      let value: unknown = mod.json;
      for (const key of path)
        value =
          typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (typeof value !== 'string') return undefined;
      return remote(mod.file, value, field);
    }
    const found = exportedExpression(mod, { mode, path });
    if (found === undefined) return undefined;
    const ctx: ClassifyContext = { scopes: mod.scopes };
    const sources = classifyValue(found, field, ctx);
    const literal = sources.find((s) => s.kind === 'literal');
    if (literal?.kind === 'literal') return remote(mod.file, literal.value, field);
    const envSource = sources.find((s) => s.kind === 'env');
    // The other module's bindings are not this file's to delete.
    if (envSource?.kind === 'env') return { ...envSource, bindings: [] };
    return sources[0]?.kind === 'dynamic' ? sources[0] : undefined;
  };
}

function remote(file: string, value: string, field: CredentialField): ValueSource {
  return {
    kind: 'config',
    node: { type: 'Remote', start: 0, end: 0 },
    description: `the config module '${file}'`,
    remote: { file, value, real: isRealValue(field, value) },
  };
}

/** The expression a module exports at `path` (first element = export name in namespace mode). */
function exportedExpression(
  { program, scopes }: { program: Program; scopes: ScopeInfo },
  { mode, path }: { mode: ImportMode; path: string[] },
): AstNode | undefined {
  const [name, ...rest] = path;
  let root: AstNode | undefined;
  let tail = rest;
  for (const stmt of program.body) {
    if (mode === 'default' && stmt.type === 'ExportDefaultDeclaration') root = stmt.declaration;
    if (mode === 'namespace' && name !== undefined && stmt.type === 'ExportNamedDeclaration') {
      const declaration = stmt.declaration;
      if (declaration?.type === 'VariableDeclaration') {
        for (const decl of declaration.declarations)
          if (identifierName(decl.id) === name) root = decl.init ?? undefined;
      }
    }
    if (stmt.type !== 'ExpressionStatement' || stmt.expression.type !== 'AssignmentExpression') continue;
    const assignment = stmt.expression;
    const target = exportTarget(assignment.left);
    if (target === 'module.exports') {
      root = assignment.right;
      tail = path;
    } else if (target !== undefined && mode === 'namespace' && target === name) {
      root = assignment.right;
      tail = rest;
    }
  }
  if (root === undefined && mode === 'namespace' && name !== undefined) {
    const binding = scopes.moduleBindings.get(name);
    if (binding?.exported === true && binding.init !== undefined) root = binding.init;
  }
  return root === undefined ? undefined : walk(root, tail, scopes);
}

/** `module.exports` or `exports.NAME` / `module.exports.NAME` (returns NAME). */
export function exportTarget(left: AstNode | undefined): string | undefined {
  if (!isNodeOfType(left, 'MemberExpression')) return undefined;
  const object = left.object;
  const prop = memberPropertyName(left);
  if (identifierName(object) === 'module' && prop === 'exports') return 'module.exports';
  if (identifierName(object) === 'exports') return prop;
  if (object.type === 'MemberExpression' && identifierName(object.object) === 'module') return prop;
  return undefined;
}

function walk(node: AstNode, path: string[], scopes: ScopeInfo): AstNode | undefined {
  let current: AstNode | undefined = node;
  for (const key of path) {
    const binding: Binding | undefined =
      current?.type === 'Identifier' ? scopes.bindingOf(current) : undefined;
    if (binding?.init !== undefined && binding.path?.length === 0 && binding.writes === 0)
      current = binding.init;
    if (!isNodeOfType(current, 'ObjectExpression')) return undefined;
    current = current.properties
      .filter((p): p is ObjectProperty => p.type === 'Property' && propertyKeyName(p) === key)
      .map((p) => p.value)
      .pop();
  }
  return current;
}
