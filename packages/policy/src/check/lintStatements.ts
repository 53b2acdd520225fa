import type { ActionInfo, IamData } from '../iam/IamData.js';
import type { CheckFinding } from './CheckFinding.js';
import type { DeployedRole, GrantStatement } from './DeployedRole.js';
import { actionMatches, fitsTemplate } from './globMatch.js';
import { coversAction } from './grants.js';

const isWildcard = (pattern: string) => /[*?]/.test(pattern);
const hasRequiredType = (info: ActionInfo) => info.resourceTypes.some((t) => t.required);
const isUnknownValue = (resource: string) => /^\$\{[^}]*\}$/.test(resource);

/** The actions a pattern stands for, from the IAM data (`undefined` for `*`: every action of every service). */
async function expand(pattern: string, data: IamData): Promise<ActionInfo[] | undefined> {
  if (pattern === '*') return undefined;
  const [prefix = '', name = ''] = pattern.split(':');
  if (!isWildcard(pattern)) {
    const info = await data.action(prefix, name);
    return info === undefined ? [] : [info];
  }
  const names = (await data.actionsOf(prefix)).filter((a) => actionMatches(pattern, a));
  const infos = await Promise.all(names.map((a) => data.action(prefix, a.slice(prefix.length + 1))));
  return infos.filter((i): i is ActionInfo => i !== undefined);
}

/** `used` lists what the code needs, when `--check` has the code: a wildcard's finding then says what to narrow it to. */
export interface LintContext {
  data: IamData;
  used?: ReadonlySet<string>;
}

/**
 * The checks that need no code: wildcard actions, unknown actions, `*` on actions that take
 * resource ARNs (never on wildcard-only actions, nor on ones whose resource types are all
 * optional, such as `cloudwatch:PutMetricData`), resources of the wrong type, `iam:PassRole` on
 * `*`, `NotAction` / `NotResource` allows, and one role for several services.
 */
export async function lintStatements(role: DeployedRole, ctx: LintContext): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  const at = (s: GrantStatement) => ({ file: s.file, line: s.line, role: role.name });
  for (const s of role.statements) {
    if (s.effect !== 'Allow') continue;
    if (s.notAction !== undefined)
      out.push({
        ruleId: 'policy-notaction-allow',
        severity: 'warning',
        ...at(s),
        message: `${s.policy}: Allow with NotAction [${s.notAction.join(', ')}] grants every other action of every service; list the actions instead`,
      });
    if (s.notResource !== undefined)
      out.push({
        ruleId: 'policy-notresource-allow',
        severity: 'warning',
        ...at(s),
        message: `${s.policy}: Allow with NotResource grants on every other resource; list the resources instead`,
      });
    const resources = s.resource ?? [];
    const onStar = resources.includes('*') || s.notResource !== undefined;
    if (onStar && coversAction(s, 'iam:PassRole'))
      out.push({
        ruleId: 'policy-passrole-wildcard',
        severity: 'error',
        ...at(s),
        message: `${s.policy}: iam:PassRole on "*" lets this role pass any role (an admin one too) to a service; name the roles it passes`,
      });
    const wideOnStar: string[] = [];
    for (const pattern of s.action ?? []) {
      const infos = await expand(pattern, ctx.data);
      if (infos !== undefined && infos.length === 0) {
        out.push({
          ruleId: 'policy-unknown-action',
          severity: 'error',
          ...at(s),
          message: `${s.policy}: ${pattern} ${isWildcard(pattern) ? 'matches no action' : 'is not an action'} in the IAM reference; check the spelling (actions are service:Operation)`,
        });
        continue;
      }
      if (isWildcard(pattern)) {
        const used =
          ctx.used === undefined ? undefined : [...ctx.used].filter((a) => actionMatches(pattern, a)).sort();
        const count = infos === undefined ? 'every action of every service' : `${infos.length} actions`;
        const narrow =
          used === undefined
            ? 'list the actions the service calls'
            : used.length === 0
              ? 'the code needs none of them'
              : `the code needs only ${used.join(', ')}`;
        out.push({
          ruleId: 'policy-wildcard-action',
          severity: pattern === '*' || pattern.endsWith(':*') ? 'error' : 'warning',
          ...at(s),
          message: `${s.policy}: ${pattern} grants ${count}; ${narrow}`,
        });
      }
      if (onStar && (infos === undefined || infos.some(hasRequiredType))) wideOnStar.push(pattern);
      if (isWildcard(pattern) || infos === undefined) continue;
      const [info] = infos;
      if (info === undefined) continue;
      for (const resource of resources) {
        if (resource === '*' || isUnknownValue(resource)) continue;
        const mismatch = await mismatchOf(info, resource, ctx.data);
        if (mismatch !== undefined)
          out.push({
            ruleId: 'policy-resource-type-mismatch',
            severity: 'error',
            ...at(s),
            message: `${s.policy}: ${mismatch}`,
          });
      }
    }
    if (wideOnStar.length > 0 && resources.includes('*'))
      out.push({
        ruleId: 'policy-wildcard-resource',
        severity: 'warning',
        ...at(s),
        message: `${s.policy}: ${wideOnStar.join(', ')} on "*": ${wideOnStar.length === 1 ? 'it takes' : 'they take'} resource ARNs; name the resources`,
      });
  }
  const users = role.usedBy.length > 1 ? `is given to ${role.usedBy.join(', ')}` : undefined;
  const services = role.trustedServices.length > 1 ? `trusts ${role.trustedServices.join(', ')}` : undefined;
  if (users !== undefined || services !== undefined)
    out.push({
      ruleId: 'policy-shared-role',
      severity: 'warning',
      file: role.file,
      line: role.line,
      role: role.name,
      message: `${role.name} ${[users, services].filter(Boolean).join(' and ')}; give each service a role of its own, with only what it needs`,
    });
  return out;
}

async function mismatchOf(info: ActionInfo, resource: string, data: IamData): Promise<string | undefined> {
  if (info.resourceTypes.length === 0)
    return `${info.action} takes only "*" (it has no resource types), so ${resource} grants nothing`;
  const prefix = info.action.split(':')[0] ?? '';
  const templates = await Promise.all(info.resourceTypes.map((t) => data.arnTemplate(prefix, t.key)));
  if (templates.some((t) => t === undefined || fitsTemplate(resource, t))) return undefined;
  return `${resource} is not a resource ${info.action} takes (${info.resourceTypes.map((t) => t.key).join(', ')}), so it grants nothing there`;
}
