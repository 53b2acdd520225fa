import type { PropertyDefinition } from 'oxc-parser';
import type { ModuleBase } from '../AnalyzeOptions.js';
import {
  type AstNode,
  asNode,
  identifierName,
  isNodeOfType,
  memberPropertyName,
  propertyKeyName,
  stringValue,
  unwrapExpression,
} from '../parse/AstNode.js';
import type { Binding, ScopeInfo } from '../scope/analyzeScopes.js';
import { foldString } from '../scope/foldString.js';
import { requireSource } from '../scope/resolveModuleRef.js';
import { isKeyId, isSecretKey, isSessionToken } from './keyPatterns.js';
import { type CredentialField, STANDARD_ENV, type ValueSource } from './ValueSource.js';

/** What to look up in another module: how it is imported, the path inside it, which field. */
interface FollowRequest {
  specifier: string;
  mode: ImportMode;
  path: string[];
  field: CredentialField;
  /**
   * What `specifier` is relative to: the importing file (`import`, `require`), or the process'
   * working directory (`AWS.config.loadFromPath`, which the SDK resolves with `fs`).
   */
  from: ModuleBase;
}

/** Follows an import one level into another module; see `followImport`. */
export type ImportFollower = (request: FollowRequest) => ValueSource | undefined;

export interface ClassifyContext {
  scopes: ScopeInfo;
  follow?: ImportFollower | undefined;
}

/** Env prefixes that bundlers inline into client code (CRA, Vite, Next, Expo, Gatsby, Vue, Angular, SvelteKit). */
const PUBLIC_ENV = /^(REACT_APP_|VITE_|NEXT_PUBLIC_|EXPO_PUBLIC_|GATSBY_|VUE_APP_|NG_APP_|PUBLIC_)/;
/** Modules whose exports are build-time env values in React Native and SvelteKit. */
const PUBLIC_ENV_MODULES = new Set([
  '@env',
  'react-native-config',
  'react-native-dotenv',
  '$env/static/public',
  '$env/dynamic/public',
]);
const PRIVATE_ENV_MODULES = new Set(['$env/static/private', '$env/dynamic/private']);
const CONFIG_PACKAGES = new Set(['config', 'node-config', 'nconf', 'convict']);
/**
 * Framework globals that hold the app's configuration (`sails.config.aws.key`,
 * `Meteor.settings.aws.secret`): a key read there is static configuration, not a run-time value.
 */
const FRAMEWORK_CONFIG: Record<string, { member: string; name: string }> = {
  sails: { member: 'config', name: 'the Sails config' },
  Meteor: { member: 'settings', name: 'the Meteor settings' },
};
const MAX_DEPTH = 12;

export function isRealValue(field: CredentialField, value: string): boolean {
  const v = value.trim();
  return field === 'accessKeyId'
    ? isKeyId(v)
    : field === 'secretAccessKey'
      ? isSecretKey(v)
      : isSessionToken(v);
}

/** Where a classification is: the field it is for, the constants it came through, how deep it is. */
interface Walk {
  field: CredentialField;
  ctx: ClassifyContext;
  bindings: Binding[];
  depth: number;
}

function deeper(walk: Walk, binding?: Binding): Walk {
  return {
    ...walk,
    depth: walk.depth + 1,
    ...(binding !== undefined && { bindings: [...walk.bindings, binding] }),
  };
}

function env(
  { node, name, isPublic = false }: { node: AstNode; name: string; isPublic?: boolean },
  walk: Walk,
): ValueSource {
  return {
    kind: 'env',
    node,
    name,
    standard: name === STANDARD_ENV[walk.field],
    public: isPublic || PUBLIC_ENV.test(name),
    bindings: walk.bindings,
  };
}

/**
 * Every value a credential expression may take: literals (folded through `const`s), environment
 * variables (standard, custom or public), config modules (followed one import deep), or run-time
 * values. `a || b`, `a ?? b` and `c ? a : b` contribute both sides; `String(x)`, `x!`, `x as T`,
 * `` `${x}` `` and `x.trim()` are looked through.
 */
export function classifyValue(node: AstNode, field: CredentialField, ctx: ClassifyContext): ValueSource[] {
  return classify(node, { field, ctx, bindings: [], depth: 0 });
}

function classify(node: AstNode, walk: Walk): ValueSource[] {
  const { field, ctx, bindings } = walk;
  const expr = asNode(unwrapExpression(node));
  if (walk.depth > MAX_DEPTH) return [{ kind: 'dynamic', node: expr }];
  const again = (n: AstNode) => classify(n, deeper(walk));
  switch (expr.type) {
    case 'LogicalExpression':
      return [...again(expr.left), ...again(expr.right)];
    case 'ConditionalExpression':
      return [...again(expr.consequent), ...again(expr.alternate)];
    case 'CallExpression': {
      const callee = asNode(unwrapExpression(expr.callee));
      const args = expr.arguments;
      if (
        identifierName(callee) === 'String' &&
        ctx.scopes.bindingOf(callee) === undefined &&
        args[0] !== undefined
      ) {
        return again(args[0]);
      }
      if (callee.type === 'MemberExpression') {
        const method = memberPropertyName(callee);
        if ((method === 'toString' || method === 'trim') && args.length === 0) return again(callee.object);
        const key = stringValue(args[0]);
        if (
          (method === 'get' || method === 'getOrThrow') &&
          key !== undefined &&
          requireSource(expr, ctx.scopes) === undefined
        ) {
          return [{ kind: 'config', node: expr, description: `a config lookup of '${key}'` }];
        }
      }
      break;
    }
    case 'TemplateLiteral': {
      const only = expr.expressions;
      const empty = expr.quasis.every((q) => q.value.cooked === '');
      if (only.length === 1 && only[0] !== undefined && empty) return again(only[0]);
      break;
    }
    case 'Identifier':
    case 'MemberExpression':
      return classifyPath(expr, [], deeper(walk));
  }
  const folded = foldString(expr, ctx.scopes);
  if (folded !== undefined) {
    return [
      {
        kind: 'literal',
        node: expr,
        value: folded.value,
        how: folded.how,
        real: isRealValue(field, folded.value),
        bindings: [...bindings, ...folded.via],
      },
    ];
  }
  return [{ kind: 'dynamic', node: expr }];
}

/** Classifies `base.path[0].path[1]…`, following bindings, object literals, env and imports. */
function classifyPath(baseNode: AstNode, path: string[], walk: Walk): ValueSource[] {
  const { ctx } = walk;
  const base = asNode(unwrapExpression(baseNode));
  const dynamic: ValueSource[] = [{ kind: 'dynamic', node: base }];
  if (walk.depth > MAX_DEPTH) return dynamic;
  switch (base.type) {
    case 'MemberExpression': {
      const name = memberPropertyName(base);
      const object = base.object;
      if (name === undefined) return dynamic;
      if (object.type === 'MetaProperty' && name === 'env') {
        // `import.meta.env.X` only exists where a bundler (Vite) inlines it.
        return path[0] === undefined ? dynamic : [env({ node: base, name: path[0], isPublic: true }, walk)];
      }
      return classifyPath(object, [name, ...path], deeper(walk));
    }
    case 'Identifier': {
      const binding = ctx.scopes.bindingOf(base);
      if (binding === undefined) {
        if (base.name === 'process' && path[0] === 'env' && path[1] !== undefined && path.length === 2) {
          return [env({ node: base, name: path[1] }, walk)];
        }
        return frameworkConfig(base, [base.name, ...path]) ?? dynamic;
      }
      if (binding.kind === 'import' && binding.importSource !== undefined) {
        const imported = binding.importName;
        if (imported === 'default')
          return fromModule(base, { source: binding.importSource, mode: 'default', path }, walk);
        const full = imported === undefined || imported === '*' ? path : [imported, ...path];
        return fromModule(base, { source: binding.importSource, mode: 'namespace', path: full }, walk);
      }
      const constant =
        binding.writes === 0 &&
        binding.init !== undefined &&
        binding.path?.every((p) => p !== undefined) === true &&
        (binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var');
      if (!constant || binding.init === undefined) return dynamic;
      return classifyPath(binding.init, [...(binding.path as string[]), ...path], deeper(walk, binding));
    }
    case 'ObjectExpression': {
      if (path.length === 0) return dynamic;
      const [head, ...rest] = path;
      // The last property of that name wins, as at run time; a spread may override it.
      const props = base.properties;
      for (let i = props.length - 1; i >= 0; i--) {
        const prop = props[i];
        if (prop === undefined || prop.type === 'SpreadElement') return dynamic;
        if (propertyKeyName(prop) === head) return classifyPath(prop.value, rest, deeper(walk));
      }
      return dynamic;
    }
    case 'CallExpression': {
      const source = requireSource(base, ctx.scopes);
      if (source !== undefined) return fromModule(base, { source, mode: 'namespace', path }, walk);
      break;
    }
    case 'ThisExpression': {
      const [name, ...rest] = path;
      if (name === undefined) return dynamic;
      const value = classFieldValue(base, name, ctx.scopes);
      if (value === undefined) return dynamic;
      return classifyPath(value, rest, deeper(walk)).map((s) =>
        s.kind === 'literal' ? { ...s, classField: name } : s,
      );
    }
  }
  return path.length === 0 ? classify(base, deeper(walk)) : dynamic;
}

/**
 * The initialiser of instance field `name` of the class `this` belongs to at `node`: `this` in
 * a method, constructor, field initialiser or arrow function inside them (a nested `function`
 * has a `this` of its own).
 */
function classFieldValue(
  node: AstNode,
  name: string,
  scopes: ClassifyContext['scopes'],
): AstNode | undefined {
  for (let p = scopes.parentOf(node); p !== undefined; p = scopes.parentOf(p)) {
    if (p.type === 'FunctionDeclaration') return undefined;
    if (p.type === 'FunctionExpression' && scopes.parentOf(p)?.type !== 'MethodDefinition') return undefined;
    if (!isNodeOfType(p, 'ClassBody')) continue;
    const field = p.body.find(
      (m): m is PropertyDefinition =>
        m.type === 'PropertyDefinition' &&
        m.static !== true &&
        m.computed !== true &&
        propertyKeyName(m) === name,
    );
    return field?.value ?? undefined;
  }
  return undefined;
}

/** How an import reaches into a module: its default export (or `module.exports`), or its named exports. */
export type ImportMode = 'default' | 'namespace';

/** Which export of which module a value is read from. */
interface ImportedPath {
  source: string;
  mode: ImportMode;
  path: string[];
}

/** A read of `sails.config.…` or `Meteor.settings.…` (`path` starts at the global's name). */
function frameworkConfig(node: AstNode, path: string[]): ValueSource[] | undefined {
  const [global, member, ...rest] = path;
  const known = global === undefined ? undefined : FRAMEWORK_CONFIG[global];
  if (known === undefined || !Object.hasOwn(FRAMEWORK_CONFIG, global ?? '') || member !== known.member)
    return undefined;
  if (rest.length === 0) return undefined;
  return [{ kind: 'config', node, description: `${known.name} (${path.join('.')})` }];
}

/** A value imported from module `source` at `path`. */
function fromModule(node: AstNode, { source, mode, path }: ImportedPath, walk: Walk): ValueSource[] {
  const { field, ctx } = walk;
  const last = path[path.length - 1];
  if (PUBLIC_ENV_MODULES.has(source))
    return last === undefined ? [] : [env({ node, name: last, isPublic: true }, walk)];
  if (PRIVATE_ENV_MODULES.has(source)) return last === undefined ? [] : [env({ node, name: last }, walk)];
  // `import { Meteor } from 'meteor/meteor'`
  if (source === 'meteor/meteor') return frameworkConfig(node, path) ?? [{ kind: 'dynamic', node }];
  const relative = source.startsWith('.') || source.startsWith('/');
  if (!relative && !CONFIG_PACKAGES.has(source)) return [{ kind: 'dynamic', node }];
  const followed = relative
    ? ctx.follow?.({ specifier: source, mode, path, field, from: 'file' })
    : undefined;
  if (followed !== undefined) return [{ ...followed, node }];
  const kind = relative ? 'the config module' : 'the config package';
  return [{ kind: 'config', node, description: `${kind} '${source}'` }];
}
