import { DeployedFileError } from './DeployedFileError.js';
import type { Deployed } from './DeployedRole.js';
import { parseTree } from './parseTree.js';
import { readCloudFormation } from './readCloudFormation.js';
import { readTerraformPlan } from './readTerraformPlan.js';
import { statementsOf } from './statementsOf.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads what `keyless policy --check` compares the code against, from one file's text: an IAM
 * policy document (JSON or YAML), a CloudFormation/SAM template (JSON or YAML, short-form tags
 * included), or `terraform show -json` of a plan or the state. Throws `DeployedFileError` (with
 * file, line and column) for text that does not parse or is none of the three.
 */
export function parseDeployed(file: string, text: string): Deployed {
  const tree = parseTree(file, text);
  const root = tree.value;
  if (!isObject(root))
    throw new DeployedFileError(
      file,
      'expected an IAM policy, a CloudFormation template or `terraform show -json` output, got no object',
      { line: 1 },
    );
  if ('Statement' in root) {
    const list = Array.isArray(root.Statement) ? root.Statement : [root.Statement];
    const statements = statementsOf(root, { file, policy: file, lineOf: (i) => tree.lineOf(list[i]) ?? 1 });
    return {
      file,
      kind: 'policy',
      roles: [{ name: file, file, line: 1, statements, trustedServices: [], usedBy: [], unread: [] }],
      problems: [],
    };
  }
  if (isObject(root.Resources)) return { file, kind: 'cloudformation', ...readCloudFormation(file, tree) };
  if ('format_version' in root && (isObject(root.planned_values) || isObject(root.values)))
    return { file, kind: 'terraform-plan', ...readTerraformPlan(file, tree) };
  throw new DeployedFileError(
    file,
    'not an IAM policy (no "Statement"), a CloudFormation template (no "Resources") or `terraform show -json` output (no "planned_values"/"values"); for Terraform run `terraform plan -out plan && terraform show -json plan > plan.json`',
    { line: 1 },
  );
}
