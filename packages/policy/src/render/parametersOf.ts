import type { Requirement } from '../map/mapCall.js';
import type { RenderContext } from './RenderContext.js';

/** A deploy-time parameter: an environment variable the code reads a resource name from. */
export interface Parameter {
  /** The environment variable (`BUCKET`); Terraform variables and CloudFormation parameters are named after it. */
  name: string;
  /** The fallback the code uses when it is unset (`process.env.BUCKET ?? 'uploads'`). */
  default?: string;
  /** The value given with `--env NAME=VALUE`. */
  value?: string;
  /** What the value is: a name, or a queue URL that becomes the queue's ARN. */
  kind: 'name' | 'sqs-queue-url';
  /** The actions whose resources it fills. */
  actions: string[];
}

/** Every parameter the requirements' resources use, sorted by name. */
export function parametersOf(requirements: readonly Requirement[], ctx: RenderContext = {}): Parameter[] {
  const byName = new Map<string, Parameter>();
  for (const r of requirements) {
    if (r.resource === '*') continue;
    for (const part of r.resource) {
      if (!('env' in part)) continue;
      let p = byName.get(part.env);
      if (p === undefined) {
        const value = ctx.env?.[part.env];
        p = {
          name: part.env,
          ...(part.default !== undefined && { default: part.default }),
          ...(value !== undefined && { value }),
          kind: part.transform === 'sqs-url-to-arn' ? 'sqs-queue-url' : 'name',
          actions: [],
        };
        byName.set(part.env, p);
      }
      if (!p.actions.includes(r.action)) p.actions.push(r.action);
    }
  }
  return [...byName.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((p) => ({ ...p, actions: p.actions.sort() }));
}
