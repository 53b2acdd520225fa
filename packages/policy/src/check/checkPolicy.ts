import type { Derivation } from '../derivePolicy.js';
import { IamData } from '../iam/IamData.js';
import type { RenderContext } from '../render/RenderContext.js';
import type { CheckFinding } from './CheckFinding.js';
import { compareWithCode, usedActions } from './compareWithCode.js';
import type { Deployed, DeployedProblem, DeployedRole } from './DeployedRole.js';
import { lintStatements } from './lintStatements.js';

export interface CheckOptions {
  /** What `parseDeployed` read from each deployment file. */
  deployed: readonly Deployed[];
  /** The service's code, derived: enables the granted-but-unused and used-but-not-granted checks. */
  derivation?: Derivation;
  /** The role the code runs as, when the files define several (name, logical id or Terraform address). */
  role?: string;
  /** Fills the placeholders of the code's ARNs before they are compared (`--account`, `--env`...). */
  render?: RenderContext;
  data?: IamData;
}

export interface CheckResult {
  /** Sorted by file and line. */
  findings: CheckFinding[];
  /** What the files reference but do not contain (managed policies, values known only at apply). */
  problems: DeployedProblem[];
  /** The role the code was compared with, when there was code. */
  compared?: string;
}

const SEVERITY = { error: 0, warning: 1, note: 2 };

/** The role the code runs as: the only one, or the one `role` names. Throws `TypeError` when that is ambiguous. */
function chooseRole(roles: readonly DeployedRole[], wanted: string | undefined): DeployedRole {
  const names = roles.map((r) => r.name).join(', ');
  if (wanted !== undefined) {
    const found = roles.find((r) => r.name === wanted || r.name.endsWith(`.${wanted}`));
    if (found === undefined)
      throw new TypeError(
        `--role: no role ${JSON.stringify(wanted)} in the checked files (${names || 'none'})`,
      );
    return found;
  }
  const [only, ...others] = roles;
  if (only === undefined)
    throw new TypeError('the checked files define no role or policy to compare the code with');
  if (others.length > 0)
    throw new TypeError(
      `the checked files define ${roles.length} roles (${names}); name the one this code runs as with --role`,
    );
  return only;
}

/**
 * Checks deployed policies: the lint rules on every role (see `lintStatements`) and, given the
 * code's derivation, what is granted but unused and used but not granted (see `compareWithCode`).
 */
export async function checkPolicy(options: CheckOptions): Promise<CheckResult> {
  const data = options.data ?? new IamData();
  const roles = options.deployed.flatMap((d) => d.roles);
  const problems = options.deployed.flatMap((d) => d.problems);
  for (const role of roles)
    for (const policy of role.unread)
      problems.push({
        file: role.file,
        line: role.line,
        message: `${role.name}: ${policy} is attached but not in the checked files, so it is not checked; check it with its own JSON`,
      });
  const used = options.derivation === undefined ? undefined : usedActions(options.derivation);
  const findings: CheckFinding[] = [];
  for (const role of roles)
    findings.push(...(await lintStatements(role, { data, ...(used !== undefined && { used }) })));
  let compared: string | undefined;
  if (options.derivation !== undefined) {
    const role = chooseRole(roles, options.role);
    compared = role.name;
    findings.push(
      ...(await compareWithCode(role, options.derivation, { data, render: options.render ?? {} })),
    );
  }
  findings.sort((a, b) =>
    a.file < b.file
      ? -1
      : a.file > b.file
        ? 1
        : a.line - b.line || SEVERITY[a.severity] - SEVERITY[b.severity],
  );
  return { findings, problems, ...(compared !== undefined && { compared }) };
}
