import type { Requirement } from '../map/mapCall.js';
import type { RenderContext } from './RenderContext.js';
import { renderArn } from './renderArn.js';

/** An IAM identity policy document. */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

/**
 * The least-privilege policy for a set of requirements: each resource gets exactly the actions
 * some call needs on it; resources that need the same actions share a statement. Sorted, so the
 * same code always gives the same document. `render` writes each ARN (IAM JSON by default; Terraform
 * and CloudFormation templates pass their own).
 */
export function policyDocument(
  requirements: readonly Requirement[],
  ctx: RenderContext = {},
  render: (resource: Requirement['resource'], ctx: RenderContext) => string = renderArn,
): PolicyDocument {
  const byResource = new Map<string, Set<string>>();
  for (const r of requirements) {
    const arn = render(r.resource, ctx);
    const actions = byResource.get(arn) ?? new Set<string>();
    byResource.set(arn, actions);
    actions.add(r.action);
  }
  const byActions = new Map<string, { actions: string[]; resources: string[] }>();
  for (const [arn, set] of byResource) {
    const actions = [...set].sort();
    const key = actions.join(',');
    const group = byActions.get(key);
    if (group === undefined) byActions.set(key, { actions, resources: [arn] });
    else group.resources.push(arn);
  }
  const groups = [...byActions.values()].sort(
    (a, b) => compare(a.actions[0], b.actions[0]) || compare(a.resources[0], b.resources[0]),
  );
  const used = new Map<string, number>();
  return {
    Version: '2012-10-17',
    Statement: groups.map((g) => ({
      Sid: sid(g.actions, used),
      Effect: 'Allow',
      Action: g.actions,
      Resource: g.resources.sort(),
    })),
  };
}

const compare = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/** `S3GetObject`, `S3GetObject2`: named after the first action, unique within the document. */
function sid(actions: string[], used: Map<string, number>): string {
  const [prefix = '', name = ''] = (actions[0] ?? '').split(':');
  const base = `${prefix.replace(/(^|-)([a-z])/g, (_, _d, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}${name}`;
  const n = (used.get(base) ?? 0) + 1;
  used.set(base, n);
  return n === 1 ? base : `${base}${n}`;
}
