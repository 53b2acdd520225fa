import { type FromInstanceRoleInit, fromInstanceRole, maskAccessKeyId } from '@keyless/credentials';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { toError } from '../toError.js';
import { NOOP_LOGGER } from './NOOP_LOGGER.js';
import { type ShimProvider, toShimProvider } from './toShimProvider.js';

/**
 * Role first, then the provider a client config already had (`fromIni()`, `fromTemporaryCredentials()`,
 * a custom function...). That provider takes the place static keys would have in the chain: it is
 * used only when no role source answers, under the same `staticKeys` policy ('warn' logs one warning
 * each time the fallback takes over, 'deny' never calls it, 'allow' is silent). Env and profile keys
 * are not consulted in this mode: the app said which credentials it wants when no role is there.
 */
export function fromRoleThenProvider(
  fallback: AwsCredentialIdentityProvider,
  init: Omit<FromInstanceRoleInit, 'staticCredentials'>,
): ShimProvider {
  const policy = init.staticKeys ?? 'warn';
  const logger = init.logger ?? NOOP_LOGGER;
  const role = fromInstanceRole({ ...init, staticKeys: 'deny' });
  // The SDK would have memoized the fallback itself had it stayed in the config; keep that.
  // (It returns undefined only for an undefined provider.)
  const cachedFallback: AwsCredentialIdentityProvider =
    memoizeIdentityProvider(fallback, isIdentityExpired, doesIdentityRequireRefresh) ?? fallback;
  let usingFallback = false;
  let fallbackRejected = false;

  const viaFallback = async (roleError: Error, forceRefresh: boolean): Promise<AwsCredentialIdentity> => {
    try {
      return await cachedFallback({ forceRefresh: forceRefresh || fallbackRejected });
    } catch (e: unknown) {
      const error = toError(e);
      throw new Error(
        `keyless: no instance role answered (${roleError.message}) and the credentials provider from the client config failed too (${error.message})`,
        { cause: error },
      );
    } finally {
      fallbackRejected = false;
    }
  };

  return toShimProvider(
    async (options) => {
      try {
        const credentials = await role(options);
        if (usingFallback) {
          usingFallback = false;
          logger.info(`keyless: instance role credentials (${credentials.source}) are back in use`);
        }
        return credentials;
      } catch (e: unknown) {
        const roleError = toError(e);
        if (policy === 'deny') throw roleError;
        const credentials = await viaFallback(roleError, options?.forceRefresh === true);
        if (!usingFallback) {
          usingFallback = true;
          if (policy === 'warn') {
            logger.warn(
              `keyless: no instance role answered; using the credentials provider from the client config (${maskAccessKeyId(credentials.accessKeyId)}). Attach a role to this host and drop the provider. Why: ${roleError.message}`,
            );
          }
        }
        return { ...credentials, source: 'config-provider' };
      }
    },
    {
      invalidate: (accessKeyId) => {
        role.invalidate(accessKeyId);
        if (usingFallback) fallbackRejected = true;
      },
      close: () => role.close(),
    },
  );
}
