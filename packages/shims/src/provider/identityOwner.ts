/** Something that can be told a service rejected the credentials it handed out. */
export interface Invalidatable {
  invalidate(accessKeyId?: string): void;
}

/**
 * Which shim provider handed out each credentials object. The ExpiredToken recovery middleware reads
 * the identity a request was signed with from the SDK's context and asks this map whether it came from
 * one of our providers: only then is invalidating and retrying meaningful. Weak, so credentials the
 * SDK has dropped are collected.
 */
const owners = new WeakMap<object, Invalidatable>();

export function recordIdentityOwner(identity: object, owner: Invalidatable): void {
  owners.set(identity, owner);
}

export function identityOwner(identity: unknown): Invalidatable | undefined {
  if (typeof identity !== 'object' || identity === null) return undefined;
  return owners.get(identity);
}
