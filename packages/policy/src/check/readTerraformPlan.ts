import { DeployedFileError } from './DeployedFileError.js';
import type { DeployedProblem, DeployedRole } from './DeployedRole.js';
import type { ParsedTree } from './parseTree.js';
import { statementsOf, trustedServicesOf } from './statementsOf.js';

interface PlannedResource {
  address: string;
  type: string;
  mode?: string;
  values?: Record<string, unknown>;
}
interface PlannedModule {
  address?: string;
  resources?: PlannedResource[];
  child_modules?: PlannedModule[];
}
interface ConfigModule {
  resources?: { address: string; expressions?: Record<string, { references?: string[] }> }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
}

/** Arguments through which a compute resource gets a role (`aws_lambda_function.role`, `aws_ecs_task_definition.task_role_arn`). */
const ROLE_ARGUMENTS = ['role', 'task_role_arn', 'role_arn'];

function plannedResources(module: PlannedModule | undefined): PlannedResource[] {
  if (module === undefined) return [];
  return [
    ...(module.resources ?? []).filter((r) => r.mode !== 'data'),
    ...(module.child_modules ?? []).flatMap(plannedResources),
  ];
}

/** Every configured resource's references, by full address (`module.api.aws_iam_role.this`). */
function referencesOf(
  module: ConfigModule | undefined,
  prefix = '',
  out = new Map<string, Map<string, string[]>>(),
) {
  for (const r of module?.resources ?? []) {
    const args = new Map<string, string[]>();
    for (const [name, e] of Object.entries(r.expressions ?? {}))
      args.set(
        name,
        (e.references ?? []).map((ref) => `${prefix}${ref}`),
      );
    out.set(`${prefix}${r.address}`, args);
  }
  for (const [name, call] of Object.entries(module?.module_calls ?? {}))
    referencesOf(call.module, `${prefix}module.${name}.`, out);
  return out;
}

/**
 * The roles of `terraform show -json` output (a saved plan, or the state): `aws_iam_role` with its
 * trust policy and `inline_policy`, `aws_iam_role_policy`, `aws_iam_policy` through
 * `aws_iam_role_policy_attachment`, linked by role name or by the configuration's references, and
 * the resources that name a role (`role`, `task_role_arn`, `role_arn`). A policy the plan does not
 * know yet (computed at apply) is a problem, not skipped.
 */
export function readTerraformPlan(
  file: string,
  tree: ParsedTree,
): { roles: DeployedRole[]; problems: DeployedProblem[] } {
  const root = tree.value as {
    planned_values?: { root_module?: PlannedModule };
    values?: { root_module?: PlannedModule };
    configuration?: { root_module?: ConfigModule };
  };
  const resources = plannedResources((root.planned_values ?? root.values)?.root_module);
  const refs = referencesOf(root.configuration?.root_module);
  const problems: DeployedProblem[] = [];
  const lineOf = (r: PlannedResource) => tree.lineOf(r) ?? 1;
  const parsePolicy = (r: PlannedResource, key: string, text: unknown, policy = r.address) => {
    if (typeof text !== 'string' || text === '') {
      problems.push({
        file,
        line: lineOf(r),
        message: `${r.address}: its ${key} is not known in this plan (computed at apply); check the state after apply (\`terraform show -json\`)`,
      });
      return [];
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e: unknown) {
      throw new DeployedFileError(
        file,
        `${r.address}: ${key} is not valid JSON (${e instanceof Error ? e.message.split(/, "|\n/)[0] : String(e)})`,
        { line: lineOf(r) },
      );
    }
    return statementsOf(doc, { file, policy, lineOf: () => lineOf(r) });
  };
  const roles = new Map<string, DeployedRole>();
  const byName = new Map<string, DeployedRole>();
  for (const r of resources) {
    if (r.type !== 'aws_iam_role') continue;
    const v = r.values ?? {};
    let trust: unknown;
    try {
      trust = typeof v.assume_role_policy === 'string' ? JSON.parse(v.assume_role_policy) : undefined;
    } catch {
      throw new DeployedFileError(file, `${r.address}: assume_role_policy is not valid JSON`, {
        line: lineOf(r),
      });
    }
    const role: DeployedRole = {
      name: r.address,
      file,
      line: lineOf(r),
      statements: [],
      trustedServices: trustedServicesOf(trust),
      usedBy: [],
      unread: [],
    };
    for (const p of Array.isArray(v.inline_policy)
      ? (v.inline_policy as { name?: string; policy?: unknown }[])
      : [])
      if (p.policy !== undefined && p.policy !== '')
        role.statements.push(
          ...parsePolicy(r, 'inline_policy', p.policy, `${r.address}.inline_policy.${p.name ?? ''}`),
        );
    for (const arn of Array.isArray(v.managed_policy_arns) ? v.managed_policy_arns : [])
      if (typeof arn === 'string') role.unread.push(arn);
    roles.set(r.address, role);
    if (typeof v.name === 'string') byName.set(v.name, role);
  }
  /** The role an argument names: by the planned value (a role name), else by the configuration's reference. */
  const roleOf = (address: string, arg: string, value: unknown) =>
    (typeof value === 'string' ? byName.get(value) : undefined) ??
    (refs.get(address)?.get(arg) ?? [])
      .map((ref) => roles.get(ref.replace(/\.(arn|id|name|unique_id)$/, '')))
      .find((x) => x !== undefined);
  const policies = new Map(resources.filter((r) => r.type === 'aws_iam_policy').map((r) => [r.address, r]));
  for (const r of resources) {
    const v = r.values ?? {};
    if (r.type === 'aws_iam_role_policy' || r.type === 'aws_iam_role_policy_attachment') {
      const role = roleOf(r.address, 'role', v.role);
      if (role === undefined) {
        problems.push({
          file,
          line: lineOf(r),
          message: `${r.address}: its role is not one this plan defines; it is not checked`,
        });
        continue;
      }
      if (r.type === 'aws_iam_role_policy') {
        role.statements.push(...parsePolicy(r, 'policy', v.policy));
        continue;
      }
      const policyRef = (refs.get(r.address)?.get('policy_arn') ?? [])
        .map((ref) => ref.replace(/\.(arn|id)$/, ''))
        .find((ref) => policies.has(ref));
      const policy = policyRef === undefined ? undefined : policies.get(policyRef);
      if (policy !== undefined) role.statements.push(...parsePolicy(policy, 'policy', policy.values?.policy));
      else role.unread.push(typeof v.policy_arn === 'string' ? v.policy_arn : `${r.address}.policy_arn`);
      continue;
    }
    if (r.type.startsWith('aws_iam_') && r.type !== 'aws_iam_instance_profile') continue;
    for (const arg of ROLE_ARGUMENTS) {
      if (!(arg in v) && !refs.get(r.address)?.has(arg)) continue;
      const role = roleOf(r.address, arg, v[arg]);
      if (role !== undefined && !role.usedBy.includes(r.address)) role.usedBy.push(r.address);
    }
  }
  return { roles: [...roles.values()], problems };
}
