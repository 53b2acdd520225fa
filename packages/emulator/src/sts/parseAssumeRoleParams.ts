/** The validated parameters shared by `AssumeRole` and `AssumeRoleWithWebIdentity`. */
export interface AssumeRoleParams {
  accountId: string;
  roleName: string;
  sessionName: string;
  durationSeconds: number;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** Validates like STS does; on failure returns the `ValidationError` message STS would send. */
export function parseAssumeRoleParams(params: URLSearchParams): AssumeRoleParams | { error: string } {
  const roleArn = params.get('RoleArn') ?? '';
  const sessionName = params.get('RoleSessionName') ?? '';
  const durationRaw = params.get('DurationSeconds') ?? '3600';
  const constraint = (value: string, member: string, rule: string) =>
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`;
  const role = ROLE_ARN.exec(roleArn);
  if (role === null) return { error: constraint(roleArn, 'roleArn', 'Member must be a role ARN') };
  if (!SESSION_NAME.test(sessionName)) {
    return { error: constraint(sessionName, 'roleSessionName', 'Member must match [\\w+=,.@-]{2,64}') };
  }
  const durationSeconds = /^\d{1,6}$/.test(durationRaw) ? Number(durationRaw) : Number.NaN;
  if (!(durationSeconds >= 900 && durationSeconds <= 43_200)) {
    return { error: constraint(durationRaw, 'durationSeconds', 'Member must be between 900 and 43200') };
  }
  return { accountId: role[1] ?? '', roleName: role[2] ?? '', sessionName, durationSeconds };
}
