import { describe, expect, it } from 'vitest';
import { CredentialStore } from './CredentialStore.js';

function store(now: { ms: number }) {
  return new CredentialStore({
    clock: { now: () => now.ms },
    lifetimeMs: 3_600_000,
    rotationLeadMs: 600_000,
    accountId: '123456789012',
    roleName: 'r1',
    instanceId: 'i-0123456789abcdef0',
  });
}

describe(CredentialStore.name, () => {
  it('serves the same set until the rotation lead, then a new one; every set is remembered', () => {
    const now = { ms: 1_000_000 };
    const s = store(now);
    const first = s.current();
    expect(first.expiration.getTime()).toBe(1_000_000 + 3_600_000);
    now.ms += 3_600_000 - 600_000 - 1;
    expect(s.current()).toBe(first);
    now.ms += 1;
    const second = s.current();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.issuedAt.getTime()).toBe(now.ms);
    expect(s.issued()).toEqual([first, second]);
    expect(s.find(first.accessKeyId)).toBe(first);
  });

  it('issues key-shaped material: ASIA ids, 40-character secrets, long tokens, all distinct', () => {
    const s = store({ ms: 0 });
    const a = s.rotate();
    const b = s.rotate();
    expect(a.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(a.sessionToken.length).toBeGreaterThan(300);
    expect(new Set([a.accessKeyId, b.accessKeyId]).size).toBe(2);
    expect(a.secretAccessKey).not.toBe(b.secretAccessKey);
  });

  it('switches role on attach and issues for the new name at once', () => {
    const s = store({ ms: 0 });
    const first = s.current();
    s.detach();
    expect(s.attached).toBe(false);
    s.attach('r2');
    const next = s.current();
    expect(next.roleName).toBe('r2');
    expect(next.accessKeyId).not.toBe(first.accessKeyId);
  });

  it('issues sets with explicit issue and expiry times without touching the served set', () => {
    const s = store({ ms: 10_000 });
    const served = s.current();
    const expired = s.issue({
      roleName: 'r1',
      accountId: '1',
      sessionName: 'x',
      source: 'fault',
      issuedAt: 0,
      expiresAt: 5_000,
    });
    expect(expired.expiration.getTime()).toBe(5_000);
    expect(expired.issuedAt.getTime()).toBe(0);
    expect(s.current()).toBe(served);
  });
});
