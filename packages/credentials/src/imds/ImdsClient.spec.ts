import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../test/support/FakeTime.js';
import { scriptedHttp } from '../../test/support/scriptedHttp.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { MalformedResponseError } from '../errors/MalformedResponseError.js';
import { HttpTransportError } from '../io/HttpTransportError.js';
import { ImdsClient } from './ImdsClient.js';

const TOKEN = 'PUT /latest/api/token';
const EXT_LIST = 'GET /latest/meta-data/iam/security-credentials-extended/';
const EXT_ROLE = 'GET /latest/meta-data/iam/security-credentials-extended/web-role';
const LEGACY_LIST = 'GET /latest/meta-data/iam/security-credentials/';
const LEGACY_ROLE = 'GET /latest/meta-data/iam/security-credentials/web-role';

function credentialsBody(time: FakeTime, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Code: 'Success',
    Type: 'AWS-HMAC',
    AccessKeyId: fakeAccessKeyId('ASIA'),
    SecretAccessKey: fakeSecretAccessKey(),
    Token: fakeSessionToken(),
    Expiration: new Date(time.now() + 6 * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    ...extra,
  });
}

function setup(options: { allowV1?: boolean; maxAttempts?: number } = {}) {
  const time = new FakeTime();
  const sleeps: number[] = [];
  let tokens = 0;
  const http = scriptedHttp({
    [TOKEN]: () => ({
      status: 200,
      body: `token-${++tokens}`,
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
    }),
    [EXT_LIST]: () => ({ body: 'web-role\n' }),
    [EXT_ROLE]: () => ({ body: credentialsBody(time) }),
  });
  const client = new ImdsClient({
    endpoint: 'http://169.254.169.254',
    timeoutMs: 1000,
    maxAttempts: options.maxAttempts ?? 3,
    allowV1: options.allowV1 ?? false,
    clock: time,
    request: http.request,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { time, http, client, sleeps };
}

describe(ImdsClient.name, () => {
  it('costs three requests cold and one per refresh after that', async () => {
    const { http, client } = setup();
    const first = await client.fetchCredentials();
    expect(http.log.map((r) => `${r.method} ${r.path}`)).toEqual([TOKEN, EXT_LIST, EXT_ROLE]);
    expect(http.log[1]?.headers['x-aws-ec2-metadata-token']).toBe('token-1');
    const second = await client.fetchCredentials();
    expect(http.log).toHaveLength(4);
    expect(http.log[3]?.headers['x-aws-ec2-metadata-token']).toBe('token-1');
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(first.expiration).toBeInstanceOf(Date);
  });

  it('renews the token shortly before its TTL ends', async () => {
    const { http, client, time } = setup();
    await client.fetchCredentials();
    time.jump(21_600_000 - 60_000);
    await client.fetchCredentials();
    expect(http.count(TOKEN)).toBe(2);
    expect(http.log.at(-1)?.headers['x-aws-ec2-metadata-token']).toBe('token-2');
  });

  it('re-fetches the token once after a 401, and fails on a second 401', async () => {
    const { http, client } = setup();
    await client.fetchCredentials();
    http.queue(EXT_ROLE, { status: 401 });
    await client.fetchCredentials();
    expect(http.count(TOKEN)).toBe(2);
    http.queue(EXT_ROLE, { status: 401 }, { status: 401 });
    await expect(client.fetchCredentials()).rejects.toThrow(/401 even with a fresh token/);
    expect(http.count(TOKEN)).toBe(3);
  });

  it.each([403, 404, 405])('refuses IMDSv1 after a %i on the token call unless allowed', async (status) => {
    const denied = setup();
    denied.http.queue(TOKEN, { status });
    await expect(denied.client.fetchCredentials()).rejects.toThrow(/IMDSv1 fallback is off/);
    const allowed = setup({ allowV1: true });
    allowed.http.queue(TOKEN, { status });
    await allowed.client.fetchCredentials();
    expect(allowed.http.log.slice(1).every((r) => r.headers['x-aws-ec2-metadata-token'] === undefined)).toBe(
      true,
    );
  });

  it('never falls back to IMDSv1 after a 429: backs off, honouring Retry-After', async () => {
    const { http, client, sleeps } = setup({ allowV1: true });
    http.queue(TOKEN, { status: 429, headers: { 'retry-after': '2' } }, { status: 429 });
    await client.fetchCredentials();
    expect(sleeps).toEqual([2000, 0.5 * 400]);
    expect(http.count(TOKEN)).toBe(3);
    expect(http.log.slice(3).every((r) => r.headers['x-aws-ec2-metadata-token'] === 'token-1')).toBe(true);
  });

  it.each([
    ['a 500', { status: 500 }],
    ['a 503', { status: 503 }],
    ['a timeout', new HttpTransportError('ETIMEDOUT', 'no response in 1000 ms')],
  ])('never falls back to IMDSv1 after %s on the token call', async (_label, reply) => {
    const { http, client } = setup({ allowV1: true, maxAttempts: 2 });
    http.queue(TOKEN, reply, reply);
    const error = await client.fetchCredentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(http.log.every((r) => r.path === '/latest/api/token')).toBe(true);
  });

  it('gives up at once on an unreachable endpoint when probing', async () => {
    const { http, client } = setup();
    http.queue(TOKEN, new HttpTransportError('ECONNREFUSED', 'connect ECONNREFUSED'));
    await expect(client.fetchCredentials({ probe: true })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(http.log).toHaveLength(1);
  });

  it('raises a 400 on the token call as non-recoverable', async () => {
    const { http, client } = setup();
    http.queue(TOKEN, { status: 400 });
    const error = await client.fetchCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect((error as CredentialsProviderError).recoverable).toBe(false);
  });

  it('switches to the legacy paths for good after the extended API answers 404', async () => {
    const { http, client, time } = setup();
    http.queue(EXT_LIST, { status: 404 });
    http.queue(LEGACY_LIST, { body: 'web-role' });
    http.queue(LEGACY_ROLE, { body: credentialsBody(time) }, { body: credentialsBody(time) });
    await client.fetchCredentials();
    await client.fetchCredentials();
    expect(http.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      TOKEN,
      EXT_LIST,
      LEGACY_LIST,
      LEGACY_ROLE,
      LEGACY_ROLE,
    ]);
  });

  it('does not switch paths when the extended API answers 500', async () => {
    const { http, client } = setup({ maxAttempts: 1 });
    http.queue(EXT_LIST, { status: 500 });
    await expect(client.fetchCredentials()).rejects.toThrow(/role name request answered 500/);
    expect(http.count(LEGACY_LIST)).toBe(0);
  });

  it('discovers the role again when the cached one is gone', async () => {
    const { http, client, time } = setup();
    await client.fetchCredentials();
    http.queue(EXT_ROLE, { status: 404 });
    http.queue(EXT_LIST, { body: 'other-role' });
    const route = 'GET /latest/meta-data/iam/security-credentials-extended/other-role';
    http.queue(route, { body: credentialsBody(time) });
    await client.fetchCredentials();
    expect(http.count(route)).toBe(1);
  });

  it('tells a missing role apart from other failures', async () => {
    const { http, client } = setup();
    http.queue(EXT_LIST, { status: 404 });
    http.queue(LEGACY_LIST, { status: 404 });
    await expect(client.fetchCredentials()).rejects.toThrow(/no IAM role is attached/);
  });

  it.each([
    ['CR/LF', 'tok\r\nx-injected: 1'],
    ['a character outside latin-1', 'tok\u0100en'],
    ['an oversized body', 'A'.repeat(1025)],
  ])('never caches a token reply with %s: the next call asks for a new token', async (_, poisoned) => {
    const { http, client } = setup();
    http.queue(TOKEN, {
      status: 200,
      body: poisoned,
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
    });
    await expect(client.fetchCredentials()).rejects.toThrow(
      /imds: token request answered 200 with an unusable body/,
    );
    expect(http.count(EXT_LIST)).toBe(0);
    await expect(client.fetchCredentials()).resolves.toHaveProperty('accessKeyId');
    expect(http.count(TOKEN)).toBe(2);
    expect(
      http.log
        .filter((r) => r.method === 'GET')
        .every((r) => r.headers['x-aws-ec2-metadata-token'] === 'token-1'),
    ).toBe(true);
  });

  it('assumes the requested TTL when the token reply has no TTL header', async () => {
    const { http, client, time } = setup();
    http.queue(TOKEN, { status: 200, body: 'bare-token' });
    await client.fetchCredentials();
    time.jump(3 * 3_600_000);
    await client.fetchCredentials();
    expect(http.count(TOKEN)).toBe(1);
  });

  it.each([
    ['bad JSON', () => '{"Code":"Success",', 'invalid-json'],
    ['a missing Token', (t: FakeTime) => credentialsBody(t, { Token: undefined }), 'missing-field'],
    [
      'a numeric Expiration',
      (t: FakeTime) => credentialsBody(t, { Expiration: 1_700_000_000 }),
      'missing-field',
    ],
    [
      'an unparseable Expiration',
      (t: FakeTime) => credentialsBody(t, { Expiration: 'tomorrow' }),
      'invalid-expiration',
    ],
    [
      'Code not Success',
      (t: FakeTime) => credentialsBody(t, { Code: 'AssumeRoleUnauthorizedAccess' }),
      'code-not-success',
    ],
  ] as const)('turns %s into a MalformedResponseError naming imds', async (_label, body, problem) => {
    const { http, client, time } = setup();
    http.queue(EXT_ROLE, { body: body(time) });
    const error = await client.fetchCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect(error).toMatchObject({ source: 'imds', problem });
    expect((error as Error).message).toMatch(
      /^imds: malformed credentials from http:\/\/169\.254\.169\.254\//,
    );
  });
});
