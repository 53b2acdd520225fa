import { type ClassifyContext, classifyValue } from '../detect/classifyValue.js';
import { credentialsFrom, isV2CredentialsClass } from '../detect/credentialValues.js';
import type { CredentialField } from '../detect/ValueSource.js';
import {
  type AstNode,
  forEachChild,
  identifierName,
  isNodeOfType,
  memberPropertyName,
} from '../parse/AstNode.js';
import { processEnvName } from './findConfigSites.js';
import { SUGGEST } from './judgeSite.js';
import type { Site } from './Site.js';

const LOG_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']);
const LOGGED_SECRET = new Set(['secretAccessKey', 'sessionToken', 'SecretAccessKey', 'SessionToken']);
const SECRET_ENV = new Set(['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);

/** The credential field a parameter name stands for; only AWS-shaped names (not any `secret`). */
function fieldForName(name: string): CredentialField | undefined {
  if (/session_?token/i.test(name)) return 'sessionToken';
  if (/secret_?access_?key|secret_?key$|aws_?secret/i.test(name)) return 'secretAccessKey';
  if (/access_?key(_?id)?$/i.test(name) || /^(aws_?)?key_?id$/i.test(name)) return 'accessKeyId';
  return undefined;
}

function blank(kind: Site['kind'], node: AstNode, where: string): Site {
  return { kind, node, where, values: [], keyProps: [], statements: [], holders: [], globalSdk: false };
}

function within(node: AstNode, ranges: { start: number; end: number }[]): boolean {
  return ranges.some((r) => r.start <= node.start && node.end <= r.end);
}

/** Whether an expression mentions a secret: `creds.secretAccessKey`, `process.env.AWS_SECRET_ACCESS_KEY`. */
function mentionsSecret(node: AstNode, ctx: ClassifyContext, depth = 0): boolean {
  if (depth > 6) return false;
  if (isNodeOfType(node, 'MemberExpression')) {
    const name = memberPropertyName(node);
    if (name !== undefined && (LOGGED_SECRET.has(name) || SECRET_ENV.has(processEnvName(node, ctx) ?? '')))
      return true;
  }
  let found = false;
  forEachChild(node, (c) => {
    if (!found && c.type !== 'FunctionExpression' && c.type !== 'ArrowFunctionExpression') {
      found = mentionsSecret(c, ctx, depth + 1);
    }
  });
  return found;
}

/**
 * Report-only shapes: a `new AWS.Credentials(…)` no other rule consumed, parameters whose default
 * is a static key (`function f(accessKeyId = process.env.KEY)`), and secrets passed to a logger.
 * `consumed` are the ranges the client and config rules already cover.
 */
export function findOtherSites(ctx: ClassifyContext, consumed: { start: number; end: number }[]): Site[] {
  const sites: Site[] = [];
  for (const node of ctx.scopes.nodesOfType('NewExpression')) {
    if (within(node, consumed) || !isV2CredentialsClass(node.callee, ctx.scopes)) continue;
    const shape = credentialsFrom(node, ctx);
    if (shape === undefined) continue;
    sites.push({
      ...blank('v2-credentials', node, 'new AWS.Credentials()'),
      sdk: 'v2',
      values: shape.values,
      reportOnly:
        'Drop the static Credentials object and let the client use the default chain or new InstanceRoleCredentials() from @keyless/shims',
    });
  }
  for (const binding of ctx.scopes.allBindings) {
    const field = binding.kind === 'param' ? fieldForName(binding.name) : undefined;
    if (field === undefined || binding.paramDefault === undefined) continue;
    sites.push({
      ...blank('default-param', binding.paramDefault, `the default of parameter '${binding.name}'`),
      values: [
        { field, node: binding.paramDefault, sources: classifyValue(binding.paramDefault, field, ctx) },
      ],
      reportOnly: SUGGEST.defaultParam,
    });
  }
  for (const call of ctx.scopes.nodesOfType('CallExpression')) {
    const callee = call.callee;
    if (callee.type !== 'MemberExpression' || !LOG_METHODS.has(memberPropertyName(callee) ?? '')) continue;
    const target = identifierName(callee.object) ?? '';
    if (target !== 'console' && !/log(ger)?$/i.test(target)) continue;
    if (!call.arguments.some((arg) => mentionsSecret(arg, ctx))) continue;
    sites.push({
      ...blank('logged', call, `${target}.${memberPropertyName(callee)}`),
      reportOnly:
        'Never log secret keys or session tokens: remove the argument, log the masked key id at most',
    });
  }
  return sites;
}
