import type { ActionInfo, IamData } from '../iam/IamData.js';
import type { Need } from '../map/Need.js';
import type { Request } from '../map/Request.js';
import { literalText, mergeText, type ResourcePart, stripLeadingSlash, type Value } from './Value.js';

/** The outcome for one need: the ARN parts, `*` for an action without resource types, or why not. */
export type BuiltResource =
  | { resource: ResourcePart[] }
  | { resource: '*' }
  | { underivable: { param: string; reason: string; line?: number } };

/** How a service's request parameter fills an ARN variable. */
interface RequestVariable {
  param: string;
  /** The parameter holds the whole ARN (`TopicArn`), or may (`FunctionName: 'arn:...'`). */
  arn?: 'always' | 'if-literal';
  adjust?: (value: Value) => Value | { reason: string };
}

const GLOBAL = new Set(['Partition', 'Region', 'Account']);
const SECRET_SUFFIX = '-??????';

/** Request parameters that fill ARN variables, by IAM prefix and variable. */
const REQUEST_VARIABLES: Readonly<Record<string, Readonly<Record<string, RequestVariable>>>> = {
  s3: { BucketName: { param: 'Bucket' }, ObjectName: { param: 'Key' } },
  dynamodb: { TableName: { param: 'TableName' }, IndexName: { param: 'IndexName' } },
  sqs: { QueueName: { param: 'QueueUrl' } },
  sns: { TopicName: { param: 'TopicArn', arn: 'always' } },
  lambda: { FunctionName: { param: 'FunctionName', arn: 'if-literal' } },
  // Source: Secrets Manager User Guide, troubleshooting: a secret's ARN ends in six random characters.
  secretsmanager: {
    SecretId: {
      param: 'SecretId',
      arn: 'if-literal',
      adjust: (v) => (v.open === undefined ? { ...v, parts: [...v.parts, { text: SECRET_SUFFIX }] } : v),
    },
  },
  // Source: Service Authorization Reference, Systems Manager: `parameter/${ParameterNameWithoutLeadingSlash}`.
  ssm: { ParameterNameWithoutLeadingSlash: { param: 'Name', adjust: stripLeadingSlash } },
  // Source: KMS Developer Guide, "Using aliases to control access": aliases are not the resource of a
  // cryptographic operation; the key is.
  kms: {
    KeyId: {
      param: 'KeyId',
      arn: 'if-literal',
      adjust: (v) =>
        literalText(v)?.startsWith('alias/') || literalText(v)?.includes(':alias/')
          ? {
              reason: `KeyId is the alias '${literalText(v)}': grant on the key's ARN (kms:RequestAlias can pin the alias)`,
            }
          : v,
    },
  },
  logs: { LogGroupName: { param: 'logGroupName' }, LogStreamName: { param: 'logStreamName' } },
  ecr: { RepositoryName: { param: 'repositoryName' } },
  events: { EventBusName: { param: 'EventBusName' } },
};

/**
 * Builds the resource of one need from the IAM data's ARN template: literals fill in, env values
 * stay parameters, a known prefix narrows the template's last variable (`uploads/*`), and anything
 * else is underivable (never `*`). Actions without resource types take `*`.
 */
export async function buildResource(need: Need, request: Request, data: IamData): Promise<BuiltResource> {
  const [prefix = '', name = ''] = need.action.split(':');
  const info = await data.action(prefix, name);
  if (info === undefined)
    throw new Error(`exception table names ${need.action}, which the IAM data does not have`);
  if (need.anyResource === true || (need.template === undefined && info.resourceTypes.length === 0))
    return { resource: '*' };
  const variables = REQUEST_VARIABLES[prefix] ?? {};
  const template = need.template ?? (await chooseTemplate(info, prefix, need, request, variables, data));
  if (template === undefined) return { resource: '*' };

  const out: ResourcePart[] = [];
  const pieces = template.split(/(\$\{[^}]+\})/);
  const lastVariable = pieces
    .map((p, i) => (p.startsWith('${') ? i : -1))
    .filter((i) => i >= 0)
    .pop();
  for (const [i, piece] of pieces.entries()) {
    const variable = /^\$\{([^}]+)\}$/.exec(piece)?.[1];
    if (variable === undefined) {
      if (piece !== '') out.push({ text: piece });
      continue;
    }
    if (GLOBAL.has(variable)) {
      out.push({ placeholder: variable as 'Partition' | 'Region' | 'Account' });
      continue;
    }
    const spec = variables[variable];
    const explicit = need.vars !== undefined && variable in need.vars;
    let value = explicit ? need.vars?.[variable] : spec && request.value(spec.param);
    const param = value?.param ?? spec?.param ?? variable;
    if (value === undefined) return underivable(param, `the request does not set ${param}`);
    if (!explicit && spec?.adjust !== undefined) {
      const adjusted = spec.adjust(value);
      if ('reason' in adjusted) return underivable(param, adjusted.reason);
      value = adjusted;
    }
    const text = literalText(value);
    const wholeArn = spec?.arn === 'always' || (spec?.arn === 'if-literal' && text?.startsWith('arn:'));
    if (prefix === 'sqs' && variable === 'QueueName') {
      const queue = queueArn(value);
      if ('reason' in queue) return underivable(param, queue.reason, value.open?.line);
      return { resource: queue.parts };
    }
    if (value.open !== undefined) {
      const last = i === lastVariable && pieces.slice(i + 1).every((p) => p === '');
      if (!last || value.parts.length === 0 || wholeArn)
        return underivable(
          param,
          `${param} is computed at run time (\`${value.open.expression}\`)${value.parts.length > 0 && !last ? '; a known prefix only narrows the last part of an ARN' : ''}`,
          value.open.line,
        );
      out.push(...value.parts, { text: '*' });
      continue;
    }
    if (wholeArn) {
      // The parameter is the ARN itself; a qualifier or suffix the need added stays on it.
      return { resource: [...value.parts] };
    }
    out.push(...value.parts);
  }
  return { resource: mergeText(out) };
}

function underivable(param: string, reason: string, line?: number): BuiltResource {
  return { underivable: { param, reason, ...(line !== undefined && { line }) } };
}

/**
 * The resource type to build an ARN from: the need's, else the first of the action's types (required
 * ones first) whose variables the request sets, else the first required one.
 */
async function chooseTemplate(
  info: ActionInfo,
  prefix: string,
  need: Need,
  request: Request,
  variables: Readonly<Record<string, RequestVariable>>,
  data: IamData,
): Promise<string | undefined> {
  if (need.resourceType !== undefined) return data.arnTemplate(prefix, need.resourceType);
  const ordered = [...info.resourceTypes].sort((a, b) => Number(b.required) - Number(a.required));
  let fallback: string | undefined;
  for (const type of ordered) {
    const arn = await data.arnTemplate(prefix, type.key);
    if (arn === undefined) continue;
    fallback ??= arn;
    const names = [...arn.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1] ?? '').filter((v) => !GLOBAL.has(v));
    const filled = names.every(
      (v) =>
        (need.vars !== undefined && v in need.vars) ||
        (variables[v] !== undefined && request.has(variables[v].param)),
    );
    if (filled) return arn;
  }
  return fallback;
}

/** An SQS queue URL (`https://sqs.R.amazonaws.com/A/N`) as the queue's ARN. */
function queueArn(value: Value): { parts: ResourcePart[] } | { reason: string } {
  const text = literalText(value);
  if (text !== undefined) {
    const url = /^https?:\/\/([^/]+)\/(\d{12}|[^/]+)\/([^/?#]+)\/?$/.exec(text);
    if (url === null)
      return {
        reason: `QueueUrl '${text}' is not a queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)`,
      };
    const region =
      /(?:^|\.)sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(url[1] ?? '')?.[1] ??
      /^([a-z0-9-]+)\.queue\.amazonaws\.com/.exec(url[1] ?? '')?.[1];
    return {
      parts: [
        { text: 'arn:' },
        { placeholder: 'Partition' },
        { text: ':sqs:' },
        region === undefined ? { placeholder: 'Region' } : { text: region },
        { text: `:${url[2]}:${url[3]}` },
      ],
    };
  }
  const [only] = value.parts;
  if (value.open === undefined && value.parts.length === 1 && only !== undefined && 'env' in only)
    return { parts: [{ ...only, transform: 'sqs-url-to-arn' }] };
  return {
    reason:
      value.open === undefined
        ? 'QueueUrl mixes text and environment values; pass the whole URL in one variable'
        : `QueueUrl is computed at run time (\`${value.open.expression}\`)`,
  };
}
