import type { AssignmentExpression, CallExpression, MemberExpression, ObjectProperty } from 'oxc-parser';
import type { ClassifyContext } from '../detect/classifyValue.js';
import { classifyValue } from '../detect/classifyValue.js';
import { credentialsFrom, fieldValues, optionsObject } from '../detect/credentialValues.js';
import { CREDENTIAL_FIELDS, type CredentialField, STANDARD_ENV } from '../detect/ValueSource.js';
import { type AstNode, identifierName, memberPropertyName, stringValue } from '../parse/AstNode.js';
import { type SdkRef, sdkRef } from '../scope/resolveModuleRef.js';
import { SUGGEST } from './judgeSite.js';
import type { Site } from './Site.js';

const ENV_TO_FIELD = new Map<string, CredentialField>(
  CREDENTIAL_FIELDS.map((field) => [STANDARD_ENV[field], field] as const),
);

function v2Config(node: AstNode | undefined, ctx: ClassifyContext): SdkRef | undefined {
  const ref = node && sdkRef(node, ctx.scopes);
  return ref?.sdk === 'v2' && ref.path.length === 1 && ref.path[0] === 'config' ? ref : undefined;
}

/** Source text of the config object (`AWS.config`), to write `AWS.config.credentials = …` the same way. */
function blankSite(node: AstNode, where: string, global: boolean): Site {
  return {
    kind: 'v2-config-update',
    sdk: 'v2',
    node,
    where,
    values: [],
    keyProps: [],
    statements: [],
    holders: [],
    globalSdk: global,
  };
}

function statementOf(node: AstNode, ctx: ClassifyContext): AstNode | undefined {
  const parent = ctx.scopes.parentOf(node);
  return parent?.type === 'ExpressionStatement' ? parent : undefined;
}

/** `AWS.config.update({...})` and `AWS.config.loadFromPath(…)`. */
function configCallSite(call: CallExpression, ctx: ClassifyContext): Site | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression') return undefined;
  const config = v2Config(callee.object, ctx);
  if (config === undefined) return undefined;
  const method = memberPropertyName(callee);
  const arg = call.arguments[0];
  if (method === 'update') {
    const { object, binding } = optionsObject(arg, ctx.scopes);
    if (object === undefined) return undefined;
    const flat = fieldValues(object, ctx);
    const credentialsProp = object.properties
      .filter((p): p is ObjectProperty => p.type === 'Property' && identifierName(p.key) === 'credentials')
      .pop();
    const shape = credentialsProp && credentialsFrom(credentialsProp.value, ctx);
    const values = [...flat.values, ...(shape?.values ?? [])];
    if (values.length === 0) return undefined;
    return {
      ...blankSite(
        (shape ? credentialsProp : flat.props[0]) ?? call,
        config.via === undefined ? 'AWS.config.update' : `${config.via}'s AWS.config.update`,
        config.global,
      ),
      ...(config.via !== undefined && { reportOnly: SUGGEST.orm(config.via) }),
      values,
      options: object,
      optionsBinding: binding,
      credentialsProp: shape ? credentialsProp : undefined,
      keyProps: flat.props,
      holders: shape?.holders ?? [],
      statements: [statementOf(call, ctx)].filter((s): s is AstNode => s !== undefined),
    };
  }
  if (method !== 'loadFromPath' || arg === undefined) return undefined;
  const path = stringValue(arg);
  const followed =
    path === undefined
      ? undefined
      : ctx.follow?.({
          specifier: path,
          mode: 'namespace',
          path: ['accessKeyId'],
          field: 'accessKeyId',
          from: 'cwd',
        });
  // The SDK hands the path to `fs`, so it is relative to the process' working directory.
  const description =
    path === undefined ? 'a JSON file' : `the JSON file '${path}' (relative to the app's working directory)`;
  return {
    ...blankSite(call, 'AWS.config.loadFromPath', config.global),
    kind: 'load-from-path',
    values: [
      { field: 'accessKeyId', node: arg, sources: [followed ?? { kind: 'config', node: arg, description }] },
    ],
    reportOnly: `Delete the call and the JSON file (rotate its key); the SDK's default chain picks up the instance role`,
    detail: description,
  };
}

/**
 * `AWS.config.credentials = …`, `AWS.config.accessKeyId = …` (the assignments of one statement
 * list grouped in `keyGroups` into one site) and `process.env.AWS_… = …`. Pushes to `sites`.
 */
function configAssignmentSite(
  assign: AssignmentExpression,
  ctx: ClassifyContext,
  { sites, keyGroups }: { sites: Site[]; keyGroups: Map<AstNode, Site> },
): void {
  const { left, right } = assign;
  if (left.type !== 'MemberExpression' || assign.operator !== '=') return;
  const prop = memberPropertyName(left);
  const stmt = statementOf(assign, ctx);
  const config = v2Config(left.object, ctx);
  if (config !== undefined && prop === 'credentials') {
    const shape = credentialsFrom(right, ctx);
    if (shape === undefined) return;
    sites.push({
      ...blankSite(assign, 'AWS.config.credentials', config.global),
      kind: 'v2-config-credentials',
      values: shape.values,
      holders: shape.holders,
      credentialsExpr: right,
      statements: stmt ? [stmt] : [],
    });
  } else if (config !== undefined && (CREDENTIAL_FIELDS as readonly (string | undefined)[]).includes(prop)) {
    const field = prop as CredentialField;
    const list = (stmt && ctx.scopes.parentOf(stmt)) ?? assign;
    let site = keyGroups.get(list);
    if (site === undefined) {
      site = { ...blankSite(assign, `AWS.config.${field}`, config.global), kind: 'v2-config-keys' };
      keyGroups.set(list, site);
      sites.push(site);
    }
    site.values.push({ field, node: right, sources: classifyValue(right, field, ctx) });
    site.statements.push(stmt ?? assign);
  } else {
    const envName = processEnvName(left, ctx);
    const field = envName === undefined ? undefined : ENV_TO_FIELD.get(envName);
    if (field === undefined) return;
    sites.push({
      ...blankSite(assign, `process.env.${envName}`, false),
      kind: 'env-assignment',
      sdk: undefined,
      values: [{ field, node: right, sources: classifyValue(right, field, ctx) }],
      reportOnly: SUGGEST.envAssignment,
    });
  }
}

/**
 * The v2 global config (`AWS.config.update({...})`, `AWS.config.credentials = …`,
 * `AWS.config.accessKeyId = …`, `AWS.config.loadFromPath(…)`) and `process.env.AWS_… = …`.
 * Key assignments in one statement list form one site, so the fix can replace them together.
 */
export function findConfigSites(ctx: ClassifyContext): Site[] {
  const sites: Site[] = [];
  for (const call of ctx.scopes.nodesOfType('CallExpression')) {
    const site = configCallSite(call, ctx);
    if (site !== undefined) sites.push(site);
  }
  const keyGroups = new Map<AstNode, Site>();
  for (const assign of ctx.scopes.nodesOfType('AssignmentExpression'))
    configAssignmentSite(assign, ctx, { sites, keyGroups });
  return sites;
}

/** `X` in `process.env.X` / `process.env['X']` (with `process` not shadowed). */
export function processEnvName(member: MemberExpression, ctx: ClassifyContext): string | undefined {
  const object = member.object;
  if (object.type !== 'MemberExpression' || memberPropertyName(object) !== 'env') return undefined;
  const proc = object.object;
  if (identifierName(proc) !== 'process' || ctx.scopes.bindingOf(proc) !== undefined) return undefined;
  return memberPropertyName(member);
}
