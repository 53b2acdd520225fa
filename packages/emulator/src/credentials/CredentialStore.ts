import type { Clock } from '../Clock.js';
import type { CredentialSet, CredentialSource } from './CredentialSet.js';
import { newAccessKeyId, newSecretAccessKey, newSessionToken } from './keyMaterial.js';

/** What a new set is issued for; `issuedAt`/`expiresAt` override the defaults (faults issue expired sets). */
export interface IssueRequest {
  roleName: string;
  accountId: string;
  sessionName: string;
  source: CredentialSource;
  lifetimeMs?: number;
  issuedAt?: number;
  expiresAt?: number;
}

export interface CredentialStoreInit {
  clock: Clock;
  lifetimeMs: number;
  rotationLeadMs: number;
  accountId: string;
  roleName: string;
  instanceId: string;
}

/**
 * Issues and remembers every credential set. The instance-role set rotates lazily on read: once
 * `now >= expiration - rotationLeadMs` a new set is served while the old one stays valid until it
 * expires, which is what EC2 promises ("at least five minutes before the expiration").
 */
export class CredentialStore {
  readonly #init: CredentialStoreInit;
  readonly #byAccessKeyId = new Map<string, CredentialSet>();
  readonly #issued: CredentialSet[] = [];
  #roleName: string;
  #attached = true;
  #current: CredentialSet | undefined;

  constructor(init: CredentialStoreInit) {
    this.#init = init;
    this.#roleName = init.roleName;
  }

  /** Exposed so a fault can issue a set that looks like a real one from the same store. */
  get lifetimeMs(): number {
    return this.#init.lifetimeMs;
  }

  /** The role name instance-role sets are issued for. */
  get roleName(): string {
    return this.#roleName;
  }

  /** The instance-role set being served now, rotating it first when it is inside the lead window. */
  current(): CredentialSet {
    const now = this.#init.clock.now();
    const set = this.#current;
    if (
      set === undefined ||
      set.roleName !== this.#roleName ||
      now >= set.expiration.getTime() - this.#init.rotationLeadMs
    ) {
      return this.rotate();
    }
    return set;
  }

  /** Issues a new instance-role set and serves it from now on; older sets stay valid until they expire. */
  rotate(): CredentialSet {
    this.#current = this.issue({
      roleName: this.#roleName,
      accountId: this.#init.accountId,
      sessionName: this.#init.instanceId,
      source: 'instance-role',
      lifetimeMs: this.#init.lifetimeMs,
    });
    return this.#current;
  }

  /** Whether a role is attached; with none, IMDS and the container endpoints serve no credentials. */
  get attached(): boolean {
    return this.#attached;
  }

  /** Attaches a role (switching it if the name differs); the next read issues a set for a new name. */
  attach(roleName: string): void {
    this.#roleName = roleName;
    this.#attached = true;
  }

  detach(): void {
    this.#attached = false;
  }

  /** Issues and remembers a set without changing what the instance role serves. */
  issue(request: IssueRequest): CredentialSet {
    const now = request.issuedAt ?? this.#init.clock.now();
    const expiresAt = request.expiresAt ?? now + (request.lifetimeMs ?? this.#init.lifetimeMs);
    const set: CredentialSet = {
      accessKeyId: newAccessKeyId(),
      secretAccessKey: newSecretAccessKey(),
      sessionToken: newSessionToken(),
      expiration: new Date(expiresAt),
      issuedAt: new Date(now),
      roleName: request.roleName,
      accountId: request.accountId,
      sessionName: request.sessionName,
      source: request.source,
    };
    // Not frozen: SDK clients tag the credentials object they are given (`$source`).
    this.#issued.push(set);
    this.#byAccessKeyId.set(set.accessKeyId, set);
    return set;
  }

  /** The set with this access key id, if the emulator ever issued it. */
  find(accessKeyId: string): CredentialSet | undefined {
    return this.#byAccessKeyId.get(accessKeyId);
  }

  /** Every set issued so far, oldest first. */
  issued(): readonly CredentialSet[] {
    return [...this.#issued];
  }
}
