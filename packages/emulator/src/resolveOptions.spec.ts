import { describe, expect, it } from 'vitest';
import { resolveOptions } from './resolveOptions.js';

describe(resolveOptions.name, () => {
  it('defaults to loopback, port 0, a 6 h lifetime, a 15 min lead, tokens required', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({
      host: '127.0.0.1',
      port: 0,
      roleName: 'keyless-emulator-role',
      accountId: '111122223333',
      credentialLifetimeMs: 21_600_000,
      rotationLeadMs: 900_000,
      allowV1: false,
      extendedApi: true,
    });
    expect(o.webIdentityTokens).toHaveLength(1);
    expect(o.webIdentityTokens[0]?.split('.')).toHaveLength(3);
    expect(o.containerAuthToken).not.toBe(resolveOptions().containerAuthToken);
  });

  it('shortens the default lead to half of a short lifetime', () => {
    expect(resolveOptions({ credentialLifetimeMs: 600_000 }).rotationLeadMs).toBe(300_000);
  });

  it.each([
    [{ port: -1 }, /port/],
    [{ port: 70_000 }, /port/],
    [{ credentialLifetimeMs: 0 }, /credentialLifetimeMs/],
    [{ credentialLifetimeMs: 60_000, rotationLeadMs: 60_000 }, /rotationLeadMs/],
    [{ rotationLeadMs: -5 }, /rotationLeadMs/],
    [{ roleName: 'has space' }, /roleName/],
    [{ accountId: '12345' }, /accountId/],
    [{ containerAuthToken: 'a\r\nb' }, /containerAuthToken/],
    [{ containerCredentialsId: '../x' }, /containerCredentialsId/],
    [{ webIdentityTokens: [] }, /webIdentityTokens/],
    [{ maxBodyBytes: 0 }, /maxBodyBytes/],
    [{ extraCredentialMembers: { Token: 'x' } }, /extraCredentialMembers.Token/],
  ])('throws a TypeError for %j', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(TypeError);
    expect(() => resolveOptions(options)).toThrow(message);
  });
});
