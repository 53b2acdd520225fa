const ids = new WeakMap<object, number>();
let next = 1;

/**
 * A number standing for an object's identity, for cache keys: injected objects (a clock, the I/O
 * seams) count by identity, and a WeakMap lets them be collected.
 */
export function objectId(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = next++;
    ids.set(o, id);
  }
  return id;
}
