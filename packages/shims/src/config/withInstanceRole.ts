import { type FromInstanceRoleInit, fromInstanceRole } from '@keyless/credentials';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { fromRoleThenProvider } from '../provider/fromRoleThenProvider.js';
import { loggerOf } from '../provider/NOOP_LOGGER.js';
import {
  isRefreshingProvider,
  isShimProvider,
  type ShimProvider,
  shimOf,
} from '../provider/toShimProvider.js';
import { readStaticCredentials } from './readStaticCredentials.js';

/** Options of {@link withInstanceRole}: those of `fromInstanceRole()`, minus the static keys, which come from the config. */
export type WithInstanceRoleInit = Omit<FromInstanceRoleInit, 'staticCredentials'>;

/** The config `withInstanceRole` returns: the caller's own config type with `credentials` replaced. */
export type WithInstanceRoleConfig<C> = Omit<C, 'credentials'> & { credentials: ShimProvider };

/**
 * Returns a copy of an AWS SDK v3 client config whose `credentials` come from the instance role
 * first. What the config held becomes the fallback, used only when no role source answers:
 * static keys go to `fromInstanceRole({ staticCredentials })` (logged with a masked key id, under
 * `init.staticKeys`), a provider function is tried after the role under the same policy, and a
 * `fromInstanceRole()` provider is kept as it is. Nothing else in the config is read or changed except
 * `logger`, which receives the fallback warning unless `init.logger` is given.
 *
 * @example new S3Client(withInstanceRole({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } }))
 * @throws TypeError when `config` is not an object or its `credentials` are malformed.
 */
export function withInstanceRole<C extends object>(
  config: C,
  init: WithInstanceRoleInit = {},
): WithInstanceRoleConfig<C> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new TypeError(
      `withInstanceRole(config): config must be an AWS SDK v3 client config object; got ${config === null ? 'null' : Array.isArray(config) ? 'an array' : typeof config}`,
    );
  }
  if (typeof init !== 'object' || init === null) {
    throw new TypeError('withInstanceRole(config, init): init must be an object when given');
  }
  if ('staticCredentials' in init) {
    throw new TypeError(
      'withInstanceRole(config, init): static keys belong in config.credentials, not init.staticCredentials',
    );
  }
  const given: unknown = (config as { credentials?: unknown }).credentials;
  const logger = init.logger ?? loggerOf(config);
  const providerInit: WithInstanceRoleInit = logger ? { ...init, logger } : init;
  return copyWithCredentials(config, credentialsFor(given, providerInit));
}

function credentialsFor(given: unknown, init: WithInstanceRoleInit): ShimProvider {
  if (isShimProvider(given)) return given as ShimProvider;
  if (isRefreshingProvider(given)) return shimOf(given);
  if (typeof given === 'function') return fromRoleThenProvider(given as AwsCredentialIdentityProvider, init);
  const staticCredentials = readStaticCredentials(given, 'config.credentials');
  return shimOf(fromInstanceRole({ ...init, ...(staticCredentials && { staticCredentials }) }));
}

/** Same prototype, same own properties (getters stay getters, nothing is invoked), new `credentials`. */
function copyWithCredentials<C extends object>(
  config: C,
  credentials: ShimProvider,
): WithInstanceRoleConfig<C> {
  const copy: object = Object.create(Object.getPrototypeOf(config));
  Object.defineProperties(copy, Object.getOwnPropertyDescriptors(config));
  Object.defineProperty(copy, 'credentials', {
    value: credentials,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy as WithInstanceRoleConfig<C>;
}
