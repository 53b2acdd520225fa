import { describe, expect, it } from 'vitest';
import { RequestLog } from './RequestLog.js';

describe(RequestLog.name, () => {
  it('filters by kind, method, path, status and action, and returns copies', () => {
    const log = new RequestLog({ now: () => 42 }, 100);
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
    const log = new RequestLog({ now: () => 0 }, 10);
    for (let i = 0; i < 100; i++)
      log.start({ method: 'GET', path: `/${i}`, kind: 'other', tokenSent: false });
    const paths = log.list().map((r) => r.path);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    expect(paths.length).toBeLessThanOrEqual(11);
    expect(paths.at(-1)).toBe('/99');
  });
});
