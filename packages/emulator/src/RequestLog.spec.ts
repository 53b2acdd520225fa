import { describe, expect, it } from 'vitest';
import { RequestLog } from './RequestLog.js';

describe(RequestLog.name, () => {
  it('filters by kind, method, path, status and action, and returns copies', () => {
    const log = new RequestLog({ clock: { now: () => 42 }, limit: 100, maxBytes: 1 << 20 });
    const a = log.start({ method: 'PUT', path: '/latest/api/token', kind: 'imds-token', tokenSent: false });
    a.status = 200;
    const b = log.start({ method: 'POST', path: '/', kind: 'sts', tokenSent: true, action: 'AssumeRole' });
    b.status = 403;
    expect(log.count()).toBe(2);
    expect(log.count({ kind: 'sts', status: 403, action: 'AssumeRole' })).toBe(1);
    expect(log.count({ method: 'put' })).toBe(1);
    expect(log.count({ path: /^\/latest\//g })).toBe(1);
    expect(log.count({ path: /^\/latest\//g })).toBe(1);
    const [first] = log.list({ kind: 'imds-token' });
    expect(first).toEqual({
      method: 'PUT',
      path: '/latest/api/token',
      kind: 'imds-token',
      tokenSent: false,
      status: 200,
      at: 42,
    });
    (first as { status: number }).status = 999;
    expect(log.list({ kind: 'imds-token' })[0]?.status).toBe(200);
    log.reset();
    expect(log.count()).toBe(0);
  });

  it('keeps at least the newest `limit` records and drops the oldest', () => {
    const log = new RequestLog({ clock: { now: () => 0 }, limit: 10, maxBytes: 1 << 20 });
    for (let i = 0; i < 100; i++)
      log.start({ method: 'GET', path: `/${i}`, kind: 'other', tokenSent: false });
    const paths = log.list().map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    expect(paths.length).toBeLessThanOrEqual(11);
    expect(paths.at(-1)).toBe('/99');
  });

  it('drops the oldest records once they take more than maxBytes, counting 16 KiB paths in full', () => {
    const maxBytes = 1 << 20;
    const log = new RequestLog({ clock: { now: () => 0 }, limit: 100_000, maxBytes });
    for (let i = 0; i < 1000; i++)
      log.start({ method: 'GET', path: `/${i}/${'x'.repeat(16 * 1024)}`, kind: 'other', tokenSent: false });
    // Each record holds a 32 KiB string (2 bytes a character): 1000 of them would be 32 MiB.
    expect(log.bytes).toBeLessThanOrEqual(maxBytes * 1.1);
    expect(log.count()).toBeLessThanOrEqual(Math.ceil((maxBytes * 1.1) / (32 * 1024)));
    expect(log.list().at(-1)?.path.startsWith('/999/')).toBe(true);
  });

  it('counts the fields set after the start, and always keeps the newest record', () => {
    const log = new RequestLog({ clock: { now: () => 0 }, limit: 100, maxBytes: 1000 });
    const first = log.start({ method: 'POST', path: '/', kind: 'sts', tokenSent: false });
    const before = log.bytes;
    log.annotate(first, { action: 'A'.repeat(100) });
    expect(log.bytes).toBe(before + 200);
    log.annotate(first, { action: 'A'.repeat(10_000) });
    expect(log.list()).toMatchObject([{ action: 'A'.repeat(10_000) }]);
    log.start({ method: 'GET', path: '/next', kind: 'other', tokenSent: false });
    expect(log.list().map((r) => r.path)).toEqual(['/next']);
    expect(log.bytes).toBeLessThanOrEqual(1000);
  });
});
