import type { CredentialSource } from '@keyless/credentials';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { type Invalidatable, recordIdentityOwner } from './identityOwner.js';

/**
 * Where shim credentials came from: the sources of `@keyless/credentials`, plus `'config-provider'`
 * (the provider a client config already had, used as the fallback) and `'assumed-role'`.
 */
export type ShimCredentialSource = CredentialSource | 'config-provider' | 'assumed-role';

/** Credentials resolved by a shim provider. */
export interface ShimCredentials extends AwsCredentialIdentity {
  readonly source: ShimCredentialSource;
}

/** Options the AWS SDK passes to a credentials provider. */
export interface ProviderCallOptions {
  forceRefresh?: boolean;
  callerClientConfig?: unknown;
}

/**
 * A credentials provider for any AWS SDK v3 client, with the same extra methods as
 * `InstanceRoleProvider` from `@keyless/credentials`.
 */
export interface ShimProvider extends AwsCredentialIdentityProvider {
  (options?: ProviderCallOptions): Promise<ShimCredentials>;
  /** A service rejected these credentials: the next call goes through a mandatory refresh. */
  invalidate(accessKeyId?: string): void;
  /** Stops background refresh timers; later calls still work. */
  close(): void;
}

const shimProviders = new WeakSet<object>();

/** True for providers built by this package (they are never wrapped twice). */
export function isShimProvider(value: unknown): boolean {
  return typeof value === 'function' && shimProviders.has(value);
}

/** True for `fromInstanceRole()` providers and anything else with the same extra methods. */
export function isRefreshingProvider(value: unknown): value is ShimProvider {
  if (typeof value !== 'function') return false;
  const { invalidate, close } = value as unknown as Partial<Record<'invalidate' | 'close', unknown>>;
  return typeof invalidate === 'function' && typeof close === 'function';
}

/**
 * Turns a resolve function into a client-ready provider:
 * - it is flagged `memoized`, because the SDK otherwise wraps user-supplied providers in its own
 *   per-client memo that pins credentials until 5 minutes before expiry, which would hide both our
 *   background refresh and `invalidate()` from the client;
 * - every credentials object it returns is recorded as ours, so the ExpiredToken recovery middleware
 *   knows whom to invalidate.
 */
export function toShimProvider(
  resolve: (options?: ProviderCallOptions) => Promise<ShimCredentials>,
  owner: Invalidatable & { close(): void },
): ShimProvider {
  const provider = async (options?: ProviderCallOptions): Promise<ShimCredentials> => {
    const credentials = await resolve(options);
    recordIdentityOwner(credentials, owner);
    return credentials;
  };
  const shim: ShimProvider = Object.assign(provider, {
    memoized: true,
    invalidate: (accessKeyId?: string) => owner.invalidate(accessKeyId),
    close: () => owner.close(),
  });
  shimProviders.add(shim);
  return shim;
}

/** Wraps a `fromInstanceRole()`-shaped provider (already caching, already invalidatable). */
export function shimOf(provider: ShimProvider): ShimProvider {
  if (isShimProvider(provider)) return provider;
  return toShimProvider((options) => provider(options), provider);
}
