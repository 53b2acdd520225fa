import type { DeployedProblem, DeployedRole } from './DeployedRole.js';
import type { ParsedTree } from './parseTree.js';
import { statementsOf, trustedServicesOf } from './statementsOf.js';

type Resource = { Type?: unknown; Properties?: Record<string, unknown> };

/** Properties through which a compute resource is given a role (the ECS execution role is the agent's, not the app's). */
const ROLE_PROPERTIES = ['Role', 'TaskRoleArn', 'RoleArn', 'Roles'];

/**
 * An intrinsic function as a resource pattern: `Fn::Sub` keeps its `${...}` (matched as
 * "anything" by the check), literal `Fn::Sub` variables and `Fn::Join` fill in, anything else
 * (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`) is one unknown `${...}`.
 */
function cfnPattern(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown> | null;
  const sub = v?.['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    const vars = (sub[1] ?? {}) as Record<string, unknown>;
    return sub[0].replace(/\$\{([^}!]+)\}/g, (m, name: string) =>
      typeof vars[name] === 'string' ? (vars[name] as string) : m,
    );
  }
  const join = v?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1]))
    return join[1].map(cfnPattern).join(join[0]);
  return `\${${Object.keys(v ?? {})[0] ?? 'value'}}`;
}

/** The logical id a `Ref` / `Fn::GetAtt` points at. */
function target(value: unknown): string | undefined {
  const v = value as Record<string, unknown> | null;
  if (typeof v?.Ref === 'string') return v.Ref;
  const att = v?.['Fn::GetAtt'];
  return Array.isArray(att) && typeof att[0] === 'string' ? att[0] : undefined;
}

/**
 * The roles of a CloudFormation (or SAM) template: `AWS::IAM::Role` with its inline policies,
 * trust policy and managed policies (an `AWS::IAM::ManagedPolicy` of the template is read, one
 * from outside is listed as unread), `AWS::IAM::Policy` / `ManagedPolicy` attached with `Roles`,
 * and every other resource that names the role (`Role`, `TaskRoleArn`, `RoleArn`, `Roles`).
 */
export function readCloudFormation(
  file: string,
  tree: ParsedTree,
): { roles: DeployedRole[]; problems: DeployedProblem[] } {
  const resources = (tree.value as { Resources: Record<string, Resource> }).Resources;
  const lineOf = (v: unknown, fallback = 1) => tree.lineOf(v) ?? fallback;
  const roles = new Map<string, DeployedRole>();
  const problems: DeployedProblem[] = [];
  const policyOf = (doc: unknown, policy: string) => {
    const list = (doc as { Statement?: unknown } | null)?.Statement;
    const items = Array.isArray(list) ? list : [list];
    return statementsOf(doc, {
      file,
      policy,
      lineOf: (i) => lineOf(items[i], lineOf(doc)),
      pattern: cfnPattern,
    });
  };
  for (const [id, r] of Object.entries(resources)) {
    if (r?.Type !== 'AWS::IAM::Role') continue;
    const p = r.Properties ?? {};
    const role: DeployedRole = {
      name: id,
      file,
      line: lineOf(r),
      statements: [],
      trustedServices: trustedServicesOf(p.AssumeRolePolicyDocument),
      usedBy: [],
      unread: [],
    };
    const inline = Array.isArray(p.Policies) ? p.Policies : [];
    inline.forEach((policy: { PolicyDocument?: unknown; PolicyName?: unknown }, i: number) => {
      const name = typeof policy?.PolicyName === 'string' ? policy.PolicyName : `Policies[${i}]`;
      role.statements.push(...policyOf(policy?.PolicyDocument, `${id}.${name}`));
    });
    for (const arn of Array.isArray(p.ManagedPolicyArns) ? p.ManagedPolicyArns : []) {
      const ref = target(arn);
      if (ref === undefined || resources[ref]?.Type !== 'AWS::IAM::ManagedPolicy')
        role.unread.push(cfnPattern(arn));
    }
    roles.set(id, role);
  }
  for (const [id, r] of Object.entries(resources)) {
    const p = r?.Properties ?? {};
    if (r?.Type === 'AWS::IAM::Policy' || r?.Type === 'AWS::IAM::ManagedPolicy') {
      const named = (Array.isArray(p.Roles) ? p.Roles : []).map((ref: unknown) => ({ ref, id: target(ref) }));
      const listing = [...roles.keys()]
        .filter((roleId) => {
          const arns = resources[roleId]?.Properties?.ManagedPolicyArns;
          return Array.isArray(arns) && arns.some((a: unknown) => target(a) === id);
        })
        .map((roleId) => ({ ref: { Ref: roleId } as unknown, id: roleId as string | undefined }));
      const statements = policyOf(p.PolicyDocument, id);
      const seen = new Set<string>();
      for (const { ref, id: roleId } of [...named, ...listing]) {
        const role = roles.get(roleId ?? '');
        if (role === undefined)
          problems.push({
            file,
            line: lineOf(r),
            message: `${id} is attached to a role this template does not define (${cfnPattern(ref)}); it is not checked`,
          });
        else if (!seen.has(role.name)) {
          seen.add(role.name);
          role.statements.push(...statements);
        }
      }
      continue;
    }
    if (r?.Type === 'AWS::IAM::Role') continue;
    for (const key of ROLE_PROPERTIES) {
      const values = Array.isArray(p[key]) ? (p[key] as unknown[]) : [p[key]];
      for (const v of values) {
        const role = roles.get(target(v) ?? '');
        if (role !== undefined && !role.usedBy.includes(id)) role.usedBy.push(id);
      }
    }
  }
  return { roles: [...roles.values()], problems };
}
