import type { Derivation } from '../derivePolicy.js';
import type { IamData } from '../iam/IamData.js';
import type { RenderContext } from '../render/RenderContext.js';
import { renderArn } from '../render/renderArn.js';
import type { CheckFinding } from './CheckFinding.js';
import type { DeployedRole, GrantStatement } from './DeployedRole.js';
import { actionMatches } from './globMatch.js';
import { coversResource, isGranted } from './grants.js';

/** Every action the code needs. */
export function usedActions(derivation: Derivation): Set<string> {
  return new Set([...derivation.requirements, ...derivation.underivable].map((r) => r.action));
}

/**
 * The two checks only the code can make: what the role grants that no call needs (an action, or
 * an action on a resource no call touches), and what a call needs that the role does not grant
 * (reported on the line of code). An action whose resource the code computes counts as used on
 * every resource the role grants it on.
 */
export async function compareWithCode(
  role: DeployedRole,
  derivation: Derivation,
  options: { data: IamData; render: RenderContext },
): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  const needs = derivation.requirements.map((r) => ({ ...r, arn: renderArn(r.resource, options.render) }));
  const seen = new Set<string>();
  for (const n of needs) {
    const key = `${n.action}\n${n.arn}\n${n.file}:${n.line}`;
    if (seen.has(key) || isGranted(role.statements, n.action, n.arn)) continue;
    seen.add(key);
    out.push({
      ruleId: 'policy-missing-grant',
      severity: 'error',
      file: n.file,
      line: n.line,
      role: role.name,
      message: `${n.action} on ${n.arn} is needed here but ${role.name} does not grant it`,
    });
  }
  for (const u of derivation.underivable)
    if (!isGranted(role.statements, u.action))
      out.push({
        ruleId: 'policy-missing-grant',
        severity: 'error',
        file: u.file,
        line: u.line,
        role: role.name,
        message: `${u.action} (on a resource the code computes from ${u.param}) is needed here but ${role.name} does not grant it on anything`,
      });
  // IAM compares actions without case.
  const used = new Set([...usedActions(derivation)].map((a) => a.toLowerCase()));
  const unused = (s: GrantStatement, message: string): CheckFinding => ({
    ruleId: 'policy-unused-grant',
    severity: 'warning',
    file: s.file,
    line: s.line,
    role: role.name,
    message: `${s.policy}: ${message}`,
  });
  const computed = new Set(derivation.underivable.map((u) => u.action.toLowerCase()));
  for (const s of role.statements) {
    if (s.effect !== 'Allow' || s.action === undefined) continue;
    for (const pattern of s.action) {
      if (/[*?]/.test(pattern)) continue; // the wildcard finding says what to narrow it to
      const action = pattern.toLowerCase();
      if (!used.has(action)) {
        const known = await options.data.action(...(pattern.split(':') as [string, string]));
        if (known !== undefined)
          out.push(unused(s, `${known.action} is granted but no code of the service needs it; remove it`));
        continue;
      }
      if (computed.has(action)) continue;
      const mine = needs.filter((n) => actionMatches(pattern, n.action));
      for (const resource of s.resource ?? []) {
        const probe = { ...s, resource: [resource] };
        if (mine.some((n) => coversResource(probe, n.arn))) continue;
        const where = [...new Set(mine.map((n) => n.arn))].join(', ');
        out.push(unused(s, `${pattern} on ${resource} is granted but the code uses it only on ${where}`));
      }
    }
  }
  return out;
}
