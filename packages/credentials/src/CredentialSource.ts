import type { AwsCredentialIdentity } from '@smithy/types';

/** Where a set of credentials came from. */
export type CredentialSource =
  | 'lambda'
  | 'env-session'
  | 'profile-chain'
  | 'container'
  | 'web-identity'
  | 'imds'
  | 'hard-coded'
  | 'env'
  | 'profile';

/**
 * Sources that hand out a role's or a session's credentials, tried in this order before any
 * long-lived key: what the platform or the person chose (Lambda's env session, a CI job's env
 * session, the selected profile's SSO / `credential_process` / `role_arn` chain), then the host's
 * role sources (container endpoint, web identity, IMDS).
 */
export type RoleSource = 'lambda' | 'env-session' | 'profile-chain' | 'container' | 'web-identity' | 'imds';

/**
 * What a set of credentials is: `'role'` for temporary credentials issued to a role or session (they
 * carry a session token), `'long-lived'` for an access key without one (an IAM user's key).
 */
export type CredentialKind = 'role' | 'long-lived';

/** What to do when the credentials found are long-lived keys. */
export type StaticKeysPolicy = 'warn' | 'deny' | 'allow';

/** Credentials as `fromInstanceRole` resolves them: the SDK identity, where they came from, what they are. */
export interface ResolvedCredentials extends AwsCredentialIdentity {
  readonly source: CredentialSource;
  readonly kind: CredentialKind;
}

/** The role sources in their default order. */
export const DEFAULT_ROLE_SOURCES: readonly RoleSource[] = [
  'lambda',
  'env-session',
  'profile-chain',
  'container',
  'web-identity',
  'imds',
];

const ROLE_SOURCES: ReadonlySet<string> = new Set(DEFAULT_ROLE_SOURCES);
const POLICIES: ReadonlySet<string> = new Set(['warn', 'deny', 'allow']);

/** Type guard for {@link RoleSource}. */
export function isRoleSource(v: unknown): v is RoleSource {
  return typeof v === 'string' && ROLE_SOURCES.has(v);
}

/** Type guard for {@link StaticKeysPolicy}. */
export function isStaticKeysPolicy(v: unknown): v is StaticKeysPolicy {
  return typeof v === 'string' && POLICIES.has(v);
}

/** A session token makes a set temporary, whatever variable or file it sat in. */
export function kindOf(credentials: AwsCredentialIdentity): CredentialKind {
  return typeof credentials.sessionToken === 'string' && credentials.sessionToken !== ''
    ? 'role'
    : 'long-lived';
}
