import type { AwsCredentialIdentity } from '@smithy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTime } from '../../test/support/FakeTime.js';
import { recordEvents } from '../../test/support/recordEvents.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { RefreshCache } from './RefreshCache.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function sequence(time: FakeTime, lifetimeMs = 6 * HOUR) {
  let n = 0;
  const fetches: number[] = [];
  const fail = { next: 0, nonRecoverable: false };
  const fetch = async (): Promise<AwsCredentialIdentity> => {
    fetches.push(time.now());
    if (fail.next > 0) {
      fail.next--;
      throw new CredentialsProviderError('down', { recoverable: !fail.nonRecoverable });
    }
    n++;
    return {
      accessKeyId: `AKID${n}`,
      secretAccessKey: `s${n}`,
      expiration: new Date(time.now() + lifetimeMs),
    };
  };
  return { fetch, fetches, fail };
}

describe(RefreshCache.name, () => {
  const caches: RefreshCache[] = [];
  afterEach(() => {
    for (const c of caches.splice(0)) c.close();
  });
  const make = (init: ConstructorParameters<typeof RefreshCache>[0]): RefreshCache => {
    const cache = new RefreshCache(init);
    caches.push(cache);
    return cache;
  };

  it('makes one fetch for 500 concurrent cold callers', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time });
    const results = await Promise.all(Array.from({ length: 500 }, () => cache.get()));
    expect(src.fetches).toHaveLength(1);
    expect(new Set(results.map((r) => r.accessKeyId))).toEqual(new Set(['AKID1']));
  });

  it('refreshes in the background just before the advisory window, so callers never wait', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time, random: () => 0.5 });
    const first = await cache.get();
    const expiry = first.expiration?.getTime() ?? 0;
    const [timerAt] = time.pending();
    // 6 h credentials: 60-minute advisory window; the timer fires up to a minute before it opens.
    expect(timerAt).toBeLessThanOrEqual(expiry - HOUR);
    expect(timerAt).toBeGreaterThanOrEqual(expiry - HOUR - MIN);
    await time.advance(5 * HOUR);
    expect(src.fetches).toHaveLength(2);
    const second = await cache.get();
    expect(second.accessKeyId).toBe('AKID2');
    expect(src.fetches).toHaveLength(2);
  });

  it('lets one advisory caller refresh while the others get the cached set at once', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time, prefetch: false });
    await cache.get();
    time.jump(5.5 * HOUR);
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get()));
    expect(results.map((r) => r.accessKeyId)).toEqual(['AKID2', ...Array(9).fill('AKID1')]);
    expect(src.fetches).toHaveLength(2);
  });

  it('keeps serving after a failed background refresh, backs off 300-600 s, then retries on the timer', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => {
      unhandled.push(e);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const cache = make({ fetch: src.fetch, clock: time, scheduler: time, random: () => 0 });
      await cache.get();
      src.fail.next = 1;
      await time.advance(5 * HOUR);
      expect(src.fetches).toHaveLength(2);
      expect((await cache.get()).accessKeyId).toBe('AKID1');
      expect(src.fetches).toHaveLength(2);
      await time.advance(300_000);
      expect(src.fetches).toHaveLength(3);
      expect((await cache.get()).accessKeyId).toBe('AKID2');
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('serves expired credentials when the source is down, and says so in an event', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time, prefetch: false });
    await cache.get();
    time.jump(7 * HOUR);
    src.fail.next = 1;
    const recorder = recordEvents();
    try {
      expect((await cache.get()).accessKeyId).toBe('AKID1');
      const stale = recorder.events.find((e) => e.channel === 'staleServed');
      expect(stale?.message).toMatchObject({ expired: true, reason: 'refresh-failed', accessKeyId: '…' });
    } finally {
      recorder.stop();
    }
  });

  it('retries on the timer soon after the cached set expires during an outage, so a recovered source is used at once', async () => {
    const time = new FakeTime();
    const src = sequence(time, 10 * MIN);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time, random: () => 0 });
    const first = await cache.get();
    const expiry = first.expiration?.getTime() ?? 0;
    // The source goes down for good just before the background refresh.
    src.fail.next = 1_000;
    await time.advance(expiry - time.now() + 10_000);
    const attemptsAfterExpiry = src.fetches.filter((at) => at > expiry).length;
    expect(attemptsAfterExpiry).toBeGreaterThanOrEqual(2);
    expect((await cache.get()).accessKeyId).toBe('AKID1');
    // It recovers: the next timer retry, well inside the 300 s backoff, picks up a new set.
    src.fail.next = 0;
    const before = src.fetches.length;
    await time.advance(70_000);
    expect(src.fetches.length).toBe(before + 1);
    expect((await cache.get()).accessKeyId).toBe('AKID2');
    expect(src.fetches.length).toBe(before + 1);
  });

  it('does not ask the source on every call when it keeps returning the cached set', async () => {
    const time = new FakeTime();
    let calls = 0;
    const fixed = {
      accessKeyId: 'AKIDSAME',
      secretAccessKey: 's',
      expiration: new Date(time.now() + 4 * MIN),
    };
    const cache = make({
      fetch: async () => {
        calls++;
        return fixed;
      },
      clock: time,
      scheduler: time,
      prefetch: false,
    });
    await cache.get();
    time.jump(3.5 * MIN);
    for (let i = 0; i < 50; i++) await cache.get();
    expect(calls).toBe(2);
  });

  it('ends a pause for a repeated set before the mandatory window, so short-lived credentials never make a caller wait', async () => {
    const time = new FakeTime();
    const expiresAt = time.now() + 8_000;
    const fetches: number[] = [];
    const fetch = async (): Promise<AwsCredentialIdentity> => {
      fetches.push(time.now());
      // The source rotates late: the first background refresh still gets the cached set back.
      return fetches.length <= 2
        ? { accessKeyId: 'AKIDOLD', secretAccessKey: 's', expiration: new Date(expiresAt) }
        : { accessKeyId: 'AKIDNEW', secretAccessKey: 's', expiration: new Date(time.now() + 8_000) };
    };
    const cache = make({
      fetch,
      clock: time,
      scheduler: time,
      random: () => 0.5,
      advisoryWindowMs: 2_500,
      mandatoryWindowMs: 1_000,
    });
    await cache.get();
    await time.advance(expiresAt - 1_000 - time.now() - 1);
    expect(fetches).toHaveLength(3);
    expect(fetches[2]).toBeLessThan(expiresAt - 1_000);
    const next = await cache.get();
    expect(next.accessKeyId).toBe('AKIDNEW');
    expect(fetches).toHaveLength(3);
  });

  it('goes through a mandatory refresh after invalidate() of the cached key only', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time });
    await cache.get();
    cache.invalidate('AKID-OTHER');
    expect((await cache.get()).accessKeyId).toBe('AKID1');
    cache.invalidate('AKID1');
    expect((await cache.get()).accessKeyId).toBe('AKID2');
    expect((await cache.get({ forceRefresh: true })).accessKeyId).toBe('AKID3');
  });

  it('stops background refreshes on close() and keeps answering calls', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time });
    await cache.get();
    cache.close();
    expect(time.pending()).toEqual([]);
    await time.advance(5.5 * HOUR);
    expect(src.fetches).toHaveLength(1);
    expect((await cache.get()).accessKeyId).toBe('AKID2');
    expect(time.pending()).toEqual([]);
  });

  it('survives a logger that throws', async () => {
    const time = new FakeTime();
    const src = sequence(time);
    const boom = (): never => {
      throw new Error('logger down');
    };
    const logger = { debug: boom, info: boom, warn: boom, error: boom };
    const cache = make({ fetch: src.fetch, clock: time, scheduler: time, logger, prefetch: false });
    await cache.get();
    time.jump(7 * HOUR);
    src.fail.next = 1;
    expect((await cache.get()).accessKeyId).toBe('AKID1');
  });

  it('rejects credentials without a secret as a failed refresh', async () => {
    const cache = make({
      fetch: async () => ({ accessKeyId: 'AKID', secretAccessKey: '' }),
      scheduler: new FakeTime(),
    });
    await expect(cache.get()).rejects.toThrow(/without a secret access key/);
  });

  it.each([
    [{}, /fetch must be a function/],
    [{ fetch: async () => ({}), advisoryWindowMs: 0 }, /advisoryWindowMs/],
    [{ fetch: async () => ({}), mandatoryWindowMs: -1 }, /mandatoryWindowMs/],
    [{ fetch: async () => ({}), advisoryWindowMs: 1000, mandatoryWindowMs: 2000 }, /must not exceed/],
    [{ fetch: async () => ({}), clock: {} }, /clock/],
    [{ fetch: async () => ({}), prefetch: 'yes' }, /prefetch/],
  ])('throws TypeError on bad options %#', (init, message) => {
    expect(() => new RefreshCache(init as never)).toThrow(TypeError);
    expect(() => new RefreshCache(init as never)).toThrow(message);
  });

  describe.each([true, false])('expired and failing, prefetch %s', (prefetch) => {
    it('serves the expired set, retries at most once a second, and is fresh within a second of recovery', async () => {
      const time = new FakeTime();
      const src = sequence(time, 15 * MIN);
      const cache = make({ fetch: src.fetch, clock: time, scheduler: time, prefetch, random: () => 0.5 });
      const first = await cache.get();
      // The outage starts before the first refresh and outlasts the set.
      src.fail.next = Number.POSITIVE_INFINITY;
      const outageStart = time.now();
      const served: string[] = [];
      // A caller every 100 ms for 20 minutes of outage.
      for (let t = 0; t < 20 * MIN; t += 100) {
        await time.advance(100);
        served.push((await cache.get()).accessKeyId);
      }
      expect(new Set(served)).toEqual(new Set([first.accessKeyId]));
      const expiredAt = first.expiration?.getTime() ?? 0;
      const duringOutage = src.fetches.filter((at) => at >= outageStart);
      for (let i = 1; i < duringOutage.length; i++)
        expect((duringOutage[i] ?? 0) - (duringOutage[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
      // Once expired, callers kept asking: about one request a second, not one per 300-600 s backoff.
      const afterExpiry = duringOutage.filter((at) => at >= expiredAt);
      expect(afterExpiry.length).toBeGreaterThan(((outageStart + 20 * MIN - expiredAt) / 1000) * 0.9);

      src.fail.next = 0;
      const recoveredAt = time.now();
      let fresh: number | undefined;
      for (let t = 0; t < 5000 && fresh === undefined; t += 100) {
        await time.advance(100);
        if ((await cache.get()).accessKeyId !== first.accessKeyId) fresh = time.now();
      }
      expect(fresh).toBeDefined();
      expect((fresh ?? Number.POSITIVE_INFINITY) - recoveredAt).toBeLessThanOrEqual(1100);
    });
  });

  it('a caller waiting on a fetch keeps the process alive; a warm caller holds nothing', async () => {
    const time = new FakeTime();
    let release: (() => void) | undefined;
    const cache = make({
      clock: time,
      scheduler: time,
      fetch: () =>
        new Promise((resolve) => {
          release = () =>
            resolve({ accessKeyId: 'AKID1', secretAccessKey: 's', expiration: new Date(time.now() + HOUR) });
        }),
    });
    const handles = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = handles();
    const waiting = cache.get();
    await Promise.resolve();
    expect(handles()).toBe(before + 1);
    release?.();
    await waiting;
    expect(handles()).toBe(before);
    await cache.get();
    expect(handles()).toBe(before);
  });

  it.each([
    ['an advisory window as long as the lifetime', { advisoryWindowMs: HOUR }, HOUR],
    ['sets that arrive inside the mandatory window (a clock running ahead)', {}, 50_000],
  ])(
    'no refresh storm with %s: requests over a simulated hour stay about one a minute',
    async (_label, init, lifetimeMs) => {
      const time = new FakeTime();
      const src = sequence(time, lifetimeMs);
      const cache = make({ fetch: src.fetch, clock: time, scheduler: time, random: () => 0.5, ...init });
      await cache.get();
      // A caller every second for an hour, and the background timer on top.
      for (let t = 0; t < HOUR; t += 1000) {
        await time.advance(1000);
        await cache.get();
      }
      // 1 s doubling to a minute: about 66 fetches; the unbounded loop made thousands.
      expect(src.fetches.length).toBeLessThan(80);
      for (let i = 1; i < src.fetches.length; i++)
        expect((src.fetches[i] ?? 0) - (src.fetches[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    },
  );

  it('asks the source for one attempt only while it retries through a backoff', async () => {
    const time = new FakeTime();
    const src = sequence(time, 15 * MIN);
    const requests: boolean[] = [];
    const cache = make({
      fetch: (r) => {
        requests.push(r.retrying);
        return src.fetch();
      },
      clock: time,
      scheduler: time,
      prefetch: false,
      random: () => 0.5,
    });
    const first = await cache.get();
    src.fail.next = 2;
    time.jump((first.expiration?.getTime() ?? 0) - time.now() + 1000);
    await cache.get(); // the first failure after expiry: a normal fetch, then the backoff
    time.jump(1000);
    await cache.get(); // a caller's background retry through the backoff
    await time.advance(0);
    expect(requests).toEqual([false, false, true]);
  });
});
