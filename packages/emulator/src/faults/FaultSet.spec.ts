import { describe, expect, it } from 'vitest';
import type { FaultContext } from './FaultSet.js';
import { FaultSet } from './FaultSet.js';
import { seededRandom } from './seededRandom.js';

const creds: FaultContext = {
  kind: 'imds-credentials',
  path: '/latest/meta-data/iam/security-credentials/r',
  method: 'GET',
};
const token: FaultContext = { kind: 'imds-token', path: '/latest/api/token', method: 'PUT' };
const sts = (action: string): FaultContext => ({ kind: 'sts', path: '/', method: 'POST', action });

describe(FaultSet.name, () => {
  it('applies the first matching fault and counts hits until times runs out', () => {
    const set = new FaultSet(() => 0);
    const a = set.add({ type: 'status', status: 500, times: 2 });
    const b = set.add({ type: 'hang' });
    expect(set.pick(creds)?.spec.type).toBe('status');
    expect(set.pick(creds)?.spec.type).toBe('status');
    expect(set.pick(creds)?.spec.type).toBe('hang');
    expect([a.hits, b.hits]).toEqual([2, 1]);
  });

  it('only counts requests a fault can change', () => {
    const set = new FaultSet(() => 0);
    const ttl = set.add({ type: 'no-ttl-header' });
    const expired = set.add({ type: 'expired' });
    expect(set.pick(creds)?.spec.type).toBe('expired');
    expect(set.pick(token)?.spec.type).toBe('no-ttl-header');
    expect(set.pick(sts('GetCallerIdentity'))).toBeUndefined();
    expect(set.pick(sts('AssumeRole'))?.spec.type).toBe('expired');
    expect([ttl.hits, expired.hits]).toEqual([1, 2]);
  });

  it('matches path strings exactly, RegExps (even /g ones) every time, and methods case-insensitively', () => {
    const set = new FaultSet(() => 0);
    set.add({ type: 'reset', path: '/latest/api/token', method: 'put' });
    set.add({ type: 'hang', path: /security-credentials/g });
    expect(set.pick(token)?.spec.type).toBe('reset');
    expect(set.pick({ ...token, method: 'GET' })).toBeUndefined();
    expect(set.pick(creds)?.spec.type).toBe('hang');
    expect(set.pick(creds)?.spec.type).toBe('hang');
  });

  it('draws probability from the seeded generator without using up times on a miss', () => {
    const draws = [0.9, 0.1, 0.9, 0.1];
    const set = new FaultSet(() => draws.shift() ?? 1);
    const f = set.add({ type: 'reset', probability: 0.5, times: 1 });
    expect(set.pick(creds)).toBeUndefined();
    expect(set.pick(creds)?.spec.type).toBe('reset');
    expect(set.pick(creds)).toBeUndefined();
    expect(set.pick(creds)).toBeUndefined();
    expect(f.hits).toBe(1);
  });

  it('refuses connections only for refuse faults without a request filter', () => {
    const set = new FaultSet(() => 0);
    set.add({ type: 'refuse', kind: 'sts' });
    expect(set.refuseConnection()).toBe(false);
    const bare = set.add({ type: 'refuse', times: 1 });
    expect(set.refuseConnection()).toBe(true);
    expect(set.refuseConnection()).toBe(false);
    expect(bare.hits).toBe(1);
  });

  it('clear() on a handle removes that fault only; clear() on the set removes all', () => {
    const set = new FaultSet(() => 0);
    const a = set.add({ type: 'hang' });
    set.add({ type: 'reset' });
    a.clear();
    expect(set.pick(creds)?.spec.type).toBe('reset');
    set.clear();
    expect(set.pick(creds)).toBeUndefined();
  });

  it('copies the spec so later edits by the caller change nothing', () => {
    const set = new FaultSet(() => 0);
    const spec = { type: 'status' as const, status: 500 };
    set.add(spec);
    spec.status = 200;
    expect(set.pick(creds)?.spec).toMatchObject({ status: 500 });
  });
});

describe(seededRandom.name, () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    for (const v of take(123)) expect(v >= 0 && v < 1).toBe(true);
  });
});
