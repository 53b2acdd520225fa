import { type Colors, NO_COLORS } from '@keyless/codemod';
import { derivePolicy, policyDocument, readSources } from '@keyless/policy';

/** A shell word: as it is when it is plain, else single-quoted. */
const shellWord = (s: string) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * What `keyless fix` prints after the rotation list: the policy of the role that replaces the
 * keys, derived from the same paths, and the exact command that gives it as Terraform (or says
 * what the code computes at run time, which the policy leaves out). Empty when the code makes no
 * AWS SDK calls.
 */
export async function formatRolePolicy(
  paths: readonly string[],
  cwd: string,
  colors: Colors = NO_COLORS,
): Promise<string> {
  const derivation = await derivePolicy({ sources: await readSources(paths, cwd), cwd });
  if (derivation.calls.length === 0) return '';
  const command = `keyless policy ${paths.map(shellWord).join(' ')}`;
  const policy = JSON.stringify(policyDocument(derivation.requirements), null, 2).replace(/^/gm, '  ');
  const lines = [
    colors.bold("The role that replaces these keys needs (least privilege, from the code's AWS calls):"),
    policy,
    `  As Terraform with its trust policy: ${colors.cyan(`${command} --format terraform`)} (or --format cloudformation)`,
  ];
  const open = derivation.underivable.length + derivation.problems.length;
  if (open > 0)
    lines.push(
      `  ${colors.yellow(`${open} call(s) name resources the code computes at run time or could not be followed; they are not in it:`)} ${command} lists them`,
    );
  return `\n${lines.join('\n')}\n`;
}
