import type { AwsCredentialIdentity } from '@smithy/types';

/** Where a set of credentials came from. */
export type CredentialSource = 'container' | 'web-identity' | 'imds' | 'hard-coded' | 'env' | 'profile';

/** Sources that hand out short-lived role credentials; tried before any static source. */
export type RoleSource = 'container' | 'web-identity' | 'imds';

/** What to do when no role source worked and static keys are found. */
export type StaticKeysPolicy = 'warn' | 'deny' | 'allow';

/** Credentials as `fromInstanceRole` resolves them: the SDK identity plus where they came from. */
export interface ResolvedCredentials extends AwsCredentialIdentity {
  readonly source: CredentialSource;
}

/** The role sources in their default order. */
export const DEFAULT_ROLE_SOURCES: readonly RoleSource[] = ['container', 'web-identity', 'imds'];

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
