import { type FromInstanceRoleInit, fromInstanceRole } from '@keyless/credentials';
import { readStaticCredentials } from '../config/readStaticCredentials.js';
import {
  isRefreshingProvider,
  type ShimCredentialSource,
  type ShimProvider,
  shimOf,
} from '../provider/toShimProvider.js';
import { adapterClasses, defineInstanceRoleCredentials } from './defineInstanceRoleCredentials.js';
import { loadAwsSdkV2 } from './loadAwsSdkV2.js';
import type { AwsSdkV2, V2CredentialsBaseConstructor } from './V2Credentials.js';
import type { V2CredentialsError } from './V2CredentialsError.js';

/** Options of {@link InstanceRoleCredentials}: those of `fromInstanceRole()`, or a provider to share. */
export interface InstanceRoleCredentialsInit extends FromInstanceRoleInit {
  /**
   * Use this provider (from `fromInstanceRole`, `withInstanceRole(...).credentials` or
   * `fromAssumedRole`) instead of building one; then only `clock` may be given besides it.
   */
  provider?: ShimProvider;
  /** The `aws-sdk` v2 module (`AWS`) to extend; default: `require('aws-sdk/global')` from the app. */
  awsSdk?: AwsSdkV2;
  /** Seconds before expiry at which the adapter asks the provider again; default 300. */
  expiryWindow?: number;
}

const PROVIDER_COMPANIONS = new Set(['provider', 'awsSdk', 'clock', 'expiryWindow']);

/**
 * An `AWS.Credentials` for legacy `aws-sdk` v2 apps, backed by `fromInstanceRole()` and its
 * process-wide cache: `AWS.config.credentials = new InstanceRoleCredentials()` or
 * `new AWS.S3({ credentials: new InstanceRoleCredentials() })`. Instances are real subclasses of the
 * app's `AWS.Credentials` (created on first use; `aws-sdk` is an optional peer dependency), so
 * `instanceof AWS.Credentials` holds. Static keys the app used go in `staticCredentials`: they become
 * the logged fallback used only when no role source answers.
 *
 * @throws TypeError for malformed options; Error when `aws-sdk` cannot be found.
 */
export class InstanceRoleCredentials {
  declare accessKeyId: string;
  declare secretAccessKey: string;
  declare sessionToken: string;
  /** aws-sdk v2 sets this on `ExpiredToken`; the adapter then invalidates the provider's credentials. */
  declare expired: boolean;
  declare expireTime: Date;
  /** Seconds before expiry at which `needsRefresh()` turns true; default 300. */
  declare expiryWindow: number;
  /** Where the current credentials came from, once loaded. */
  declare readonly source: ShimCredentialSource | undefined;
  declare get: (callback: (err?: V2CredentialsError) => void) => void;
  declare getPromise: () => Promise<void>;
  declare needsRefresh: () => boolean;
  declare refresh: (callback: (err?: V2CredentialsError) => void) => void;
  declare refreshPromise: () => Promise<void>;

  constructor(init: InstanceRoleCredentialsInit = {}) {
    const Adapter = defineInstanceRoleCredentials(credentialsClassOf(init.awsSdk ?? loadAwsSdkV2()));
    const instance = new Adapter(providerFor(init), init.clock ?? { now: () => Date.now() });
    if (init.expiryWindow !== undefined) instance.expiryWindow = init.expiryWindow;
    // The instance is the app's own AWS.Credentials subclass, which this facade cannot extend
    // statically without loading aws-sdk at import; `instanceof` is kept by Symbol.hasInstance.
    // biome-ignore lint/correctness/noConstructorReturn: see above
    return instance as unknown as InstanceRoleCredentials;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    for (const Adapter of adapterClasses) if (value instanceof Adapter) return true;
    return false;
  }
}

function credentialsClassOf(awsSdk: AwsSdkV2): V2CredentialsBaseConstructor {
  if (typeof awsSdk?.Credentials !== 'function') {
    throw new TypeError(
      'InstanceRoleCredentials: awsSdk must be the aws-sdk v2 module (with AWS.Credentials)',
    );
  }
  return awsSdk.Credentials as V2CredentialsBaseConstructor;
}

function providerFor(init: InstanceRoleCredentialsInit): ShimProvider {
  if (typeof init !== 'object' || init === null)
    throw new TypeError('InstanceRoleCredentials: init must be an object');
  if (init.expiryWindow !== undefined && !(Number.isFinite(init.expiryWindow) && init.expiryWindow >= 0)) {
    throw new TypeError('InstanceRoleCredentials: expiryWindow must be a number of seconds >= 0');
  }
  const { provider, awsSdk: _awsSdk, expiryWindow: _expiryWindow, ...providerInit } = init;
  if (provider !== undefined) {
    if (!isRefreshingProvider(provider)) {
      throw new TypeError(
        'InstanceRoleCredentials: provider must come from fromInstanceRole, withInstanceRole or fromAssumedRole',
      );
    }
    const extra = Object.keys(init).filter((k) => !PROVIDER_COMPANIONS.has(k));
    if (extra.length > 0) {
      throw new TypeError(
        `InstanceRoleCredentials: with provider, ${extra.join(', ')} belong on that provider`,
      );
    }
    return shimOf(provider);
  }
  const staticCredentials = readStaticCredentials(init.staticCredentials, 'init.staticCredentials');
  const { staticCredentials: _given, ...rest } = providerInit;
  return shimOf(fromInstanceRole({ ...rest, ...(staticCredentials && { staticCredentials }) }));
}
