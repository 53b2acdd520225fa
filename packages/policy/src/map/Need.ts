import type { Value } from '../resources/Value.js';

/** One IAM action a call needs, and on what. */
export interface Need {
  /** `s3:GetObject`. */
  action: string;
  /** The iam-data resource type to build the ARN from; by default the action's own (see `mapCall`). */
  resourceType?: string;
  /** An ARN template used instead of the resource type's (`CopySource` names bucket and key at once). */
  template?: string;
  /** Values for the template's variables; the rest come from the request by the service's defaults. */
  vars?: Record<string, Value | undefined>;
  /** The action is granted on `*` although the data lists optional resource types (none applies). */
  anyResource?: true;
  /** Why this need exists when it is not the operation's own action (from the exception table). */
  why?: string;
}

/** What the exception table says about an operation whose action is not simply `<prefix>:<Operation>`. */
export type ExceptionResult =
  | { needs: Need[] }
  /** No IAM action is known for the operation: a problem to report, never an invented action. */
  | { unknown: string }
  /** Which actions depend on a parameter the code computes (`TransactItems: items.map(...)`). */
  | { underivable: { param: string; reason: string } };
