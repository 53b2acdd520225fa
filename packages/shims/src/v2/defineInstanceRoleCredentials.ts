import type { ShimCredentialSource, ShimProvider } from '../provider/toShimProvider.js';
import type { V2CredentialsBase, V2CredentialsBaseConstructor } from './V2Credentials.js';
import { V2CredentialsError } from './V2CredentialsError.js';

/** Seconds before expiry at which the adapter asks the provider again (the smallest SEP advisory window). */
export const DEFAULT_V2_EXPIRY_WINDOW_S = 300;

interface AdapterState {
  readonly provider: ShimProvider;
  readonly clock: { now(): number };
  expired: boolean;
  source: ShimCredentialSource | undefined;
}

// Kept outside the instance: AWS.Credentials' constructor assigns `expired` before a subclass could
// have initialised any field of its own, and nothing here should show up in util.inspect or JSON.
const states = new WeakMap<object, AdapterState>();

const subclasses = new WeakMap<V2CredentialsBaseConstructor, V2AdapterConstructor>();

/** The adapter class for one `AWS.Credentials`. */
export type V2AdapterConstructor = new (
  provider: ShimProvider,
  clock: { now(): number },
) => V2CredentialsBase & { readonly source: ShimCredentialSource | undefined };

/** Every adapter subclass created so far, for `instanceof InstanceRoleCredentials`. */
export const adapterClasses = new Set<V2AdapterConstructor>();

/**
 * Subclasses the app's own `AWS.Credentials` (once per class). The subclass implements v2's
 * refresh contract on top of a shim provider:
 * - `refresh`/`load` ask the provider, coalesced by v2's own `coalesceRefresh`;
 * - `needsRefresh` turns true `expiryWindow` seconds before expiry, by the injected clock;
 * - v2 sets `expired = true` when a service answers ExpiredToken; the setter passes that on as
 *   `provider.invalidate(accessKeyId)`, so v2's own retry gets fresh credentials.
 */
export function defineInstanceRoleCredentials(Base: V2CredentialsBaseConstructor): V2AdapterConstructor {
  const existing = subclasses.get(Base);
  if (existing !== undefined) return existing;

  class InstanceRoleCredentials extends Base {
    constructor(provider: ShimProvider, clock: { now(): number }) {
      super();
      states.set(this, { provider, clock, expired: false, source: undefined });
      this.expiryWindow = DEFAULT_V2_EXPIRY_WINDOW_S;
      // v2 hides only secretAccessKey from inspection; the session token is as secret.
      Object.defineProperty(this, 'sessionToken', {
        value: undefined,
        writable: true,
        enumerable: false,
        configurable: true,
      });
    }

    /** Where the current credentials came from (`'imds'`, `'hard-coded'`...), once loaded. */
    get source(): ShimCredentialSource | undefined {
      return states.get(this)?.source;
    }

    get expired(): boolean {
      return states.get(this)?.expired ?? false;
    }

    set expired(value: boolean) {
      const state = states.get(this);
      if (state === undefined) return; // AWS.Credentials' constructor, before ours ran
      if (value && !state.expired && this.accessKeyId) state.provider.invalidate(this.accessKeyId);
      state.expired = Boolean(value);
    }

    needsRefresh(): boolean {
      const state = stateOf(this);
      if (state.expired || !this.accessKeyId || !this.secretAccessKey) return true;
      return (
        this.expireTime !== null && state.clock.now() + this.expiryWindow * 1000 >= this.expireTime.getTime()
      );
    }

    refresh(callback?: (err?: Error) => void): void {
      this.coalesceRefresh(callback ?? (() => {}));
    }

    load(callback: (err?: Error) => void): void {
      const state = stateOf(this);
      state.provider().then(
        (credentials) => {
          this.accessKeyId = credentials.accessKeyId;
          this.secretAccessKey = credentials.secretAccessKey;
          this.sessionToken = credentials.sessionToken;
          this.expireTime = credentials.expiration ?? null;
          state.source = credentials.source;
          state.expired = false;
          process.nextTick(callback);
        },
        (e: unknown) => process.nextTick(callback, new V2CredentialsError(e, state.clock.now())),
      );
    }
  }

  // The bundler renames this class (the public wrapper has the same name), and v2 puts the class
  // name in its "Could not load credentials from ..." errors.
  Object.defineProperty(InstanceRoleCredentials, 'name', { value: 'InstanceRoleCredentials' });
  subclasses.set(Base, InstanceRoleCredentials);
  adapterClasses.add(InstanceRoleCredentials);
  return InstanceRoleCredentials;
}

function stateOf(instance: object): AdapterState {
  const state = states.get(instance);
  if (state === undefined) throw new TypeError('InstanceRoleCredentials method called on another object');
  return state;
}
