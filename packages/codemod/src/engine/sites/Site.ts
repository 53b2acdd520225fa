import type { ObjectExpression, ObjectProperty } from 'oxc-parser';
import type { CredentialValue } from '../detect/ValueSource.js';
import type { AstNode } from '../parse/AstNode.js';
import type { Binding } from '../scope/analyzeScopes.js';

/**
 * The shapes of the reference table the engine recognises (`key-detection.md` §4):
 * - `v3-client`: `new XClient({ credentials })` or `super({ credentials })` in a subclass (#7, #8, #9, #17, #23)
 * - `v2-client`: `new AWS.S3({ accessKeyId, … })` / `new AWS.Config(…)` (#4, #5)
 * - `v2-config-update`: `AWS.config.update({ … })` (#1, #3, #11)
 * - `v2-config-credentials`: `AWS.config.credentials = new AWS.Credentials(…)` (#2)
 * - `v2-config-keys`: `AWS.config.accessKeyId = '…'` statements (#6)
 * - `v2-credentials`: any other `new AWS.Credentials(…)` with static values
 * - `load-from-path`: `AWS.config.loadFromPath(…)` (#14)
 * - `env-assignment`: `process.env.AWS_ACCESS_KEY_ID = '…'`
 * - `default-param`: `function f(accessKeyId = process.env.X)` (#19)
 * - `logged`: credentials passed to `console.*` or a logger (#26)
 */
type SiteKind =
  | 'v3-client'
  | 'v2-client'
  | 'v2-config-update'
  | 'v2-config-credentials'
  | 'v2-config-keys'
  | 'v2-credentials'
  | 'load-from-path'
  | 'env-assignment'
  | 'default-param'
  | 'logged';

/** Where static credentials are handed to something, with what the fix needs to rewrite it. */
export interface Site {
  kind: SiteKind;
  sdk?: 'v2' | 'v3' | undefined;
  /** Where the finding points. */
  node: AstNode;
  /** Human name of the receiver: `S3Client`, `AWS.S3`, `AWS.config.update`. */
  where: string;
  values: CredentialValue[];
  /** The client/config options object literal, if any. */
  options?: ObjectExpression;
  /** The `const` the options object was read from (`new AWS.S3(s3Config)`). */
  optionsBinding?: Binding | undefined;
  /** The `credentials` property of the options. */
  credentialsProp?: ObjectProperty | undefined;
  /** Flat `accessKeyId`/`secretAccessKey`/`sessionToken` properties of the options. */
  keyProps: ObjectProperty[];
  /** Statements the fix edits or deletes (config assignments). */
  statements: AstNode[];
  /** The expression whose value is the credentials (`AWS.config.credentials = <here>`). */
  credentialsExpr?: AstNode;
  /** `const`s that hold the credentials object itself (`credentials: creds`). */
  holders: Binding[];
  /** The receiver came from a global `AWS` rather than an import. */
  globalSdk: boolean;
  /** A reason no fix applies to this shape at all (report only), as a suggestion. */
  reportOnly?: string | undefined;
  /** Extra words for the message (`from the env var names X, Y`). */
  detail?: string;
}
