/** One statement of a deployed policy, with where it is written. */
export interface GrantStatement {
  /** The file the statement was read from, relative to the working directory. */
  file: string;
  /** 1-based line of the statement (of the policy string, in a Terraform plan). */
  line: number;
  /** Which policy it belongs to (`aws_iam_role_policy.orders`, `OrdersRole.Policies[0]`, `policy.json`). */
  policy: string;
  effect: 'Allow' | 'Deny';
  action?: string[];
  notAction?: string[];
  /**
   * Resource patterns. Values a template computes (`!GetAtt Table.Arn`, `${var.bucket}` unknown at
   * plan time) are written `${...}` and match anything: the check is optimistic about them.
   */
  resource?: string[];
  notResource?: string[];
  /** The statement has a `Condition` (not evaluated: a conditional grant counts as a grant). */
  conditional: boolean;
}

/** A role (or, for a bare policy document, the policy itself) as a deployment file defines it. */
export interface DeployedRole {
  /** Role name or logical id (`aws_iam_role.orders`, `OrdersRole`); a bare policy's file name. */
  name: string;
  file: string;
  line: number;
  statements: GrantStatement[];
  /** Service principals its trust policy names (`ecs-tasks.amazonaws.com`). */
  trustedServices: string[];
  /** The compute resources the template gives this role to (`aws_lambda_function.a`, `Fn`). */
  usedBy: string[];
  /** Policies attached by reference that the file does not contain (AWS managed policies, ARNs). */
  unread: string[];
}

/** Something in a deployment file the check could not read, with where. */
export interface DeployedProblem {
  file: string;
  line: number;
  message: string;
}

/** Everything `--check` reads from one deployment file. */
export interface Deployed {
  file: string;
  kind: 'policy' | 'cloudformation' | 'terraform-plan';
  roles: DeployedRole[];
  problems: DeployedProblem[];
}
