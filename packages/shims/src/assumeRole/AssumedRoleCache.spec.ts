import { describe, expect, it } from 'vitest';
import {
  AssumedRoleCache,
  DEFAULT_MAX_ROLES,
  type RoleSession,
  sharedAssumedRoleCache,
} from './AssumedRoleCache.js';

function recordingSession(closed: string[], name: string): RoleSession {
  return {
    get: async () => {
      throw new Error('not used here');
    },
    invalidate: () => {},
    close: () => closed.push(name),
  };
}

describe(AssumedRoleCache.name, () => {
  it('opens a session once per key and hands the same one back', () => {
    const cache = new AssumedRoleCache({ maxRoles: 2 });
    let opened = 0;
    const open = () => {
      opened += 1;
      return recordingSession([], 'a');
    };
    const first = cache.sessionFor('a', open);
    expect(cache.sessionFor('a', open)).toBe(first);
    expect(opened).toBe(1);
  });

  it('closes the least recently used session when a new role needs the room', () => {
    const closed: string[] = [];
    const cache = new AssumedRoleCache({ maxRoles: 2 });
    const open = (name: string) => () => recordingSession(closed, name);
    cache.sessionFor('a', open('a'));
    cache.sessionFor('b', open('b'));
    cache.sessionFor('a', open('a2')); // a is now the most recently used
    cache.sessionFor('c', open('c'));
    expect(closed).toEqual(['b']);
    expect(cache.size).toBe(2);
    expect(cache.peek('b')).toBeUndefined();
  });

  it('peek neither opens a session nor refreshes its recency', () => {
    const closed: string[] = [];
    const cache = new AssumedRoleCache({ maxRoles: 2 });
    cache.sessionFor('a', () => recordingSession(closed, 'a'));
    cache.sessionFor('b', () => recordingSession(closed, 'b'));
    expect(cache.peek('a')).toBeDefined();
    expect(cache.peek('zzz')).toBeUndefined();
    cache.sessionFor('c', () => recordingSession(closed, 'c'));
    expect(closed).toEqual(['a']);
  });

  it('delete and clear close what they drop', () => {
    const closed: string[] = [];
    const cache = new AssumedRoleCache();
    for (const name of ['a', 'b', 'c']) cache.sessionFor(name, () => recordingSession(closed, name));
    cache.delete('b');
    expect(closed).toEqual(['b']);
    cache.clear();
    expect(closed.sort()).toEqual(['a', 'b', 'c']);
    expect(cache.size).toBe(0);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects maxRoles %s with a TypeError',
    (maxRoles) => {
      expect(() => new AssumedRoleCache({ maxRoles })).toThrow(TypeError);
    },
  );

  it('defaults to DEFAULT_MAX_ROLES', () => {
    expect(new AssumedRoleCache().maxRoles).toBe(DEFAULT_MAX_ROLES);
  });
});

describe(sharedAssumedRoleCache.name, () => {
  it('is one cache per bound for the whole process', () => {
    expect(sharedAssumedRoleCache(7)).toBe(sharedAssumedRoleCache(7));
    expect(sharedAssumedRoleCache(7)).not.toBe(sharedAssumedRoleCache(8));
    expect(sharedAssumedRoleCache().maxRoles).toBe(DEFAULT_MAX_ROLES);
  });
});
