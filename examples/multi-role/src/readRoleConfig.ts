import type { DownstreamSpec } from './createDownstreams.js';

/** The downstream roles and buckets of this app. */
export interface RoleConfig {
  invoices: DownstreamSpec;
  audit: DownstreamSpec;
  roleSessionName: string;
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Reads `INVOICES_ROLE_ARN`, `INVOICES_BUCKET`, `AUDIT_ROLE_ARN`, `AUDIT_BUCKET` (all required) and
 * `ROLE_SESSION_NAME` (default `orders-api`) once, at start.
 *
 * @throws TypeError naming every variable that is missing or malformed.
 */
export function readRoleConfig(env: Readonly<Record<string, string | undefined>>): RoleConfig {
  const problems: string[] = [];
  const read = (name: string, pattern: RegExp, what: string): string => {
    const value = env[name] ?? '';
    if (!pattern.test(value)) problems.push(`${name} must be ${what}, got ${JSON.stringify(env[name])}`);
    return value;
  };
  const config: RoleConfig = {
    invoices: {
      roleArn: read('INVOICES_ROLE_ARN', ROLE_ARN, 'an IAM role ARN'),
      bucket: read('INVOICES_BUCKET', BUCKET, 'an S3 bucket name'),
    },
    audit: {
      roleArn: read('AUDIT_ROLE_ARN', ROLE_ARN, 'an IAM role ARN'),
      bucket: read('AUDIT_BUCKET', BUCKET, 'an S3 bucket name'),
    },
    roleSessionName: env.ROLE_SESSION_NAME || 'orders-api',
  };
  if (problems.length > 0) throw new TypeError(problems.join('\n'));
  return config;
}
