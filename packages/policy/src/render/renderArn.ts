import type { ResourcePart } from '../resources/Value.js';
import type { RenderContext } from './RenderContext.js';

/**
 * An ARN as IAM JSON: placeholders filled from the context, else left as the IAM reference writes
 * them (`${Partition}`, `${Region}`, `${Account}`), and env parameters as `${NAME}` until given.
 */
export function renderArn(resource: ResourcePart[] | '*', ctx: RenderContext): string {
  if (resource === '*') return '*';
  let out = '';
  for (const part of resource) {
    if ('text' in part) out += part.text;
    else if ('placeholder' in part) out += placeholder(part.placeholder, ctx);
    else {
      const value = ctx.env?.[part.env];
      if (value === undefined) out += `\${${part.env}}`;
      else if (part.transform === 'strip-leading-slash') out += value.replace(/^\//, '');
      else if (part.transform === 'sqs-url-to-arn') out += queueUrlToArn(value, ctx);
      else out += value;
    }
  }
  return out;
}

function placeholder(name: 'Partition' | 'Region' | 'Account', ctx: RenderContext): string {
  const value = name === 'Partition' ? ctx.partition : name === 'Region' ? ctx.region : ctx.account;
  return value ?? `\${${name}}`;
}

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/jobs` → `arn:aws:sqs:eu-west-1:123456789012:jobs`. */
function queueUrlToArn(url: string, ctx: RenderContext): string {
  const m = /^https?:\/\/([^/]+)\/([^/]+)\/([^/?#]+)\/?$/.exec(url);
  if (m === null)
    throw new TypeError(
      `--env: '${url}' is not an SQS queue URL (https://sqs.REGION.amazonaws.com/ACCOUNT/NAME)`,
    );
  const region = /sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(m[1] ?? '')?.[1] ?? placeholder('Region', ctx);
  return `arn:${placeholder('Partition', ctx)}:sqs:${region}:${m[2]}:${m[3]}`;
}
