import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { CredentialStore } from '../credentials/CredentialStore.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import { verifySigV4 } from './verifySigV4.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const clock = { now: () => NOW };
const store = new CredentialStore({
  clock,
  lifetimeMs: 3_600_000,
  rotationLeadMs: 60_000,
  accountId: '123456789012',
  roleName: 'r',
  instanceId: 'i-0123456789abcdef0',
});
const find = (id: string) => store.find(id);
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** Signs like the SDK does, then turns the signed request into what the server would have received. */
async function signed(
  credentials = store.current(),
  overrides: { service?: string; body?: string; signingDate?: Date } = {},
): Promise<EmulatorRequest> {
  const signer = new SignatureV4({
    credentials,
    region: 'us-east-1',
    service: overrides.service ?? 'sts',
    sha256: Sha256,
    applyChecksum: false,
  });
  const out = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4000,
      path: '/',
      query: {},
      headers: {
        host: '127.0.0.1:4000',
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(BODY.length),
      },
      body: BODY,
    },
    { signingDate: overrides.signingDate ?? new Date(NOW) },
  );
  const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers,
    body: Buffer.from(overrides.body ?? BODY),
  };
}

describe(verifySigV4.name, () => {
  it('accepts a request signed with an issued set and names the set', async () => {
    const set = store.current();
    expect(await verifySigV4(await signed(set), find, clock)).toEqual({ ok: true, set });
  });

  it('accepts a signed GET whose parameters are in the query string', async () => {
    const set = store.current();
    const signer = new SignatureV4({
      credentials: set,
      region: 'us-east-1',
      service: 'sts',
      sha256: Sha256,
      applyChecksum: false,
    });
    const query = { Action: 'GetCallerIdentity', Version: '2011-06-15', Tags: ['b', 'a'] };
    const out = await signer.sign(
      { method: 'GET', protocol: 'http:', hostname: 'h', path: '/', query, headers: { host: 'h' } },
      { signingDate: new Date(NOW) },
    );
    const params = new URLSearchParams('Action=GetCallerIdentity&Version=2011-06-15&Tags=b&Tags=a');
    const req: EmulatorRequest = {
      method: 'GET',
      path: '/',
      query: params,
      headers: out.headers,
      body: Buffer.alloc(0),
    };
    expect(await verifySigV4(req, find, clock)).toMatchObject({ ok: true });
    params.set('Version', '2011-06-16');
    expect(await verifySigV4(req, find, clock)).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('rejects a changed body with SignatureDoesNotMatch', async () => {
    const req = await signed();
    req.body = Buffer.from(`${BODY}&Extra=1`);
    expect(await verifySigV4(req, find, clock)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('rejects a changed signed header with SignatureDoesNotMatch', async () => {
    const req = await signed();
    req.headers.host = '127.0.0.1:4001';
    expect(await verifySigV4(req, find, clock)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' });
  });

  it('rejects a scope for another service', async () => {
    expect(await verifySigV4(await signed(store.current(), { service: 's3' }), find, clock)).toMatchObject({
      code: 'SignatureDoesNotMatch',
      message: expect.stringContaining("'sts'"),
    });
  });

  it('rejects a missing token header and an unknown key with InvalidClientTokenId', async () => {
    const req = await signed();
    delete req.headers['x-amz-security-token'];
    expect(await verifySigV4(req, find, clock)).toMatchObject({ code: 'InvalidClientTokenId' });
    const set = store.current();
    const stranger = { ...set, accessKeyId: `ASIA${'Z'.repeat(16)}` };
    expect(await verifySigV4(await signed(stranger), find, clock)).toMatchObject({
      code: 'InvalidClientTokenId',
    });
  });

  it('rejects an expired set with ExpiredToken', async () => {
    const old = store.issue({
      roleName: 'r',
      accountId: '1',
      sessionName: 's',
      source: 'fault',
      expiresAt: NOW - 1,
    });
    expect(await verifySigV4(await signed(old), find, clock)).toMatchObject({ code: 'ExpiredToken' });
  });

  it('rejects a body that does not match x-amz-content-sha256', async () => {
    const req = await signed();
    req.headers['x-amz-content-sha256'] = 'a'.repeat(64);
    expect(await verifySigV4(req, find, clock)).toMatchObject({ code: 'XAmzContentSHA256Mismatch' });
  });

  it('answers missing or garbled Authorization without echoing it', async () => {
    const req = await signed();
    const auth = String(req.headers.authorization);
    delete req.headers.authorization;
    expect(await verifySigV4(req, find, clock)).toMatchObject({ code: 'MissingAuthenticationToken' });
    req.headers.authorization = auth.replace('Signature=', 'Sig=');
    const verdict = await verifySigV4(req, find, clock);
    expect(verdict).toMatchObject({ code: 'IncompleteSignature' });
    expect(JSON.stringify(verdict)).not.toContain(store.current().accessKeyId);
  });
});
