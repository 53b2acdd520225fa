import type { Severity } from '@keyless/codemod';

/** The rules of `keyless policy --check`. A rule id never changes once published: code scanning tracks alerts by it. */
export const CHECK_RULES = {
  'policy-wildcard-action': 'An action wildcard grants actions nobody reviewed',
  'policy-wildcard-resource': 'An action that takes resource ARNs is granted on every resource ("*")',
  'policy-resource-type-mismatch':
    'The resource is not of a type the action takes, so the grant allows nothing',
  'policy-unknown-action': 'The action does not exist in the IAM reference',
  'policy-passrole-wildcard': 'iam:PassRole on "*" lets the holder hand any role to a service',
  'policy-notaction-allow': 'An Allow with NotAction grants every action but the listed ones',
  'policy-notresource-allow': 'An Allow with NotResource grants on every resource but the listed ones',
  'policy-shared-role': 'One role serves several services or workloads',
  'policy-unused-grant': 'Granted, but no code of the service needs it',
  'policy-missing-grant': 'The code needs it, but the role does not grant it',
} as const;

export type CheckRuleId = keyof typeof CHECK_RULES;

/** One finding of `keyless policy --check`, on a statement of the deployed policy or on a line of code. */
export interface CheckFinding {
  ruleId: CheckRuleId;
  severity: Severity;
  /** Relative to the working directory: the deployment file, or the code file for `policy-missing-grant`. */
  file: string;
  /** 1-based. */
  line: number;
  /** The role (or bare policy file) it is about. */
  role: string;
  message: string;
}
