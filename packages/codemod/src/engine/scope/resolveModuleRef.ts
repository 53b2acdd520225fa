import {
  type AstNode,
  asNode,
  identifierName,
  memberPropertyName,
  unwrapExpression,
} from '../parse/AstNode.js';
import type { ScopeInfo } from './analyzeScopes.js';

/** An expression that denotes (a member of) an imported module: `source` plus a property path. */
export interface ModuleRef {
  source: string;
  path: string[];
  /** `AWS` used without any import: the browser `<script>` global. */
  global?: boolean;
}

/** `require('x')` (with `require` not shadowed): returns `'x'`. */
export function requireSource(node: AstNode, scopes: ScopeInfo): string | undefined {
  const call = asNode(unwrapExpression(node));
  if (call.type !== 'CallExpression') return undefined;
  const callee = call.callee;
  if (identifierName(callee) !== 'require' || scopes.bindingOf(callee) !== undefined) return undefined;
  const arg = call.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
}

/**
 * Follows an expression back to the module it came from, through imports (default, namespace,
 * named, `import x = require()`), `require()` (plain, destructured, or with a member), never-written
 * variables, and property accesses: `new AWS.S3()`, `new S3()` after `const { S3 } = require('aws-sdk')`,
 * `new (require('aws-sdk/clients/s3'))()`.
 */
export function resolveModuleRef(node: AstNode, scopes: ScopeInfo, depth = 0): ModuleRef | undefined {
  if (depth > 8) return undefined;
  const expr = asNode(unwrapExpression(node));
  if (expr.type === 'MemberExpression') {
    const name = memberPropertyName(expr);
    if (name === undefined) return undefined;
    const base = resolveModuleRef(expr.object, scopes, depth + 1);
    return base && { ...base, path: [...base.path, name] };
  }
  if (expr.type === 'CallExpression') {
    const source = requireSource(expr, scopes);
    return source === undefined ? undefined : { source, path: [] };
  }
  if (expr.type !== 'Identifier') return undefined;
  const binding = scopes.bindingOf(expr);
  if (binding === undefined)
    return expr.name === 'AWS' ? { source: 'aws-sdk', path: [], global: true } : undefined;
  if (binding.kind === 'import' && binding.importSource !== undefined) {
    const name = binding.importName;
    const path = name === undefined || name === 'default' || name === '*' ? [] : [name];
    return { source: binding.importSource, path };
  }
  if (binding.writes > 0 || binding.init === undefined || binding.path === undefined) return undefined;
  if (binding.path.some((p) => p === undefined)) return undefined;
  const base = resolveModuleRef(binding.init, scopes, depth + 1);
  return base && { ...base, path: [...base.path, ...(binding.path as string[])] };
}

/**
 * Which AWS SDK a module reference belongs to, with the path inside it (`['S3']`, `['config']`);
 * `via` names the ORM that hands out its own copy of the v2 SDK (`dynamoose.aws.sdk`,
 * `vogels.AWS`).
 */
export type SdkRef = { sdk: 'v2' | 'v3'; path: string[]; global: boolean; source: string; via?: string };

/** ORMs that expose the v2 SDK they load, and where: keys set there configure the SDK itself. */
const V2_WRAPPERS: Record<string, readonly string[]> = {
  dynamoose: ['aws', 'sdk'],
  vogels: ['AWS'],
  dynogels: ['AWS'],
};

/**
 * Classifies a module reference as AWS SDK v2 (`aws-sdk`, `aws-sdk/global`, deep
 * `aws-sdk/clients/<x>` whose default export is the service class) or v3 (`@aws-sdk/client-*`).
 */
export function sdkRef(node: AstNode, scopes: ScopeInfo): SdkRef | undefined {
  const ref = resolveModuleRef(node, scopes);
  if (ref === undefined) return undefined;
  const global = ref.global === true;
  if (ref.source === 'aws-sdk' || ref.source === 'aws-sdk/global' || ref.source === 'aws-sdk/lib/core') {
    return { sdk: 'v2', path: ref.path, global, source: ref.source };
  }
  const wrapped = V2_WRAPPERS[ref.source];
  if (wrapped !== undefined && wrapped.every((p, i) => ref.path[i] === p)) {
    return { sdk: 'v2', path: ref.path.slice(wrapped.length), global, source: 'aws-sdk', via: ref.source };
  }
  const deep = /^aws-sdk\/clients\/([a-z0-9]+)(?:\.js)?$/.exec(ref.source);
  if (deep !== null) {
    // `require('aws-sdk/clients/s3')` is the S3 class itself; `.default` is the same under esModuleInterop.
    const rest = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
    return { sdk: 'v2', path: [`clients/${deep[1]}`, ...rest], global, source: ref.source };
  }
  if (ref.source.startsWith('@aws-sdk/client-'))
    return { sdk: 'v3', path: ref.path, global, source: ref.source };
  return undefined;
}

// v2 classes that are not services: their constructor options are not client options.
const V2_NOT_SERVICES =
  /Credentials$|^(Config|Endpoint|Request|Response|Service|MetadataService|EventListeners|ParamValidator|SequentialExecutor|HttpClient|NodeHttpClient|XHRClient|CredentialProviderChain|Signers|Protocol|XML|JSON|Model|util|config)$/;

/** `AWS.S3`, `AWS.DynamoDB.DocumentClient`, a deep-imported service: a v2 class whose options are client options. */
export function isV2ServiceClass(ref: SdkRef): boolean {
  if (ref.sdk !== 'v2') return false;
  const [first, second, ...rest] = ref.path;
  if (first === undefined || rest.length > 0) return false;
  if (second !== undefined) return second === 'DocumentClient';
  return first.startsWith('clients/') || (/^[A-Z]/.test(first) && !V2_NOT_SERVICES.test(first));
}

/** A v3 client class: any single-name export of `@aws-sdk/client-*` (`S3Client`, the aggregated `S3`). */
export function isV3ClientClass(ref: SdkRef): boolean {
  const name = ref.path[0];
  return (
    ref.sdk === 'v3' &&
    ref.path.length === 1 &&
    name !== undefined &&
    /^[A-Z]/.test(name) &&
    !name.endsWith('Command')
  );
}

/** The display name of a client class (`S3Client`, `AWS.S3`). */
export function className(ref: SdkRef): string {
  if (ref.sdk === 'v3') return ref.path.join('.');
  const first = ref.path[0] ?? '';
  if (first.startsWith('clients/')) return `aws-sdk/${first}`;
  return `AWS.${ref.path.join('.')}`;
}
