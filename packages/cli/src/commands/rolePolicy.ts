import { type Colors, NO_COLORS } from '@keyless/codemod';

/** A shell word: as it is when it is plain, else single-quoted. */
const shellWord = (s: string) => (/^[\w./@:=+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * What `keyless fix` prints after the rotation list: the exact commands that give the policy of
 * the role that replaces the keys. Commands, not the policy itself: deriving it parses every file
 * again, which would make `fix` cost twice what it does (benchmarks figure 6).
 */
export function formatRolePolicy(paths: readonly string[], colors: Colors = NO_COLORS): string {
  const command = `keyless policy ${paths.map(shellWord).join(' ')}`;
  return [
    '',
    colors.bold('Then create the role that replaces these keys, with only what the code calls:'),
    `  ${colors.cyan(command)}                       the least-privilege IAM policy, from the code's AWS SDK calls`,
    `  ${colors.cyan(`${command} --format terraform`)}    the role with its trust policy (or --format cloudformation)`,
    '',
  ].join('\n');
}
