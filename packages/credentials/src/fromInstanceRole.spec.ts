import { describe, expect, it } from 'vitest';
import { scriptedHttp } from '../test/support/scriptedHttp.js';
import { CredentialsChainError } from './errors/CredentialsChainError.js';
import { createInstanceRoleProvider, fromInstanceRole } from './fromInstanceRole.js';
import { HttpTransportError } from './io/HttpTransportError.js';
import type { ReadFile } from './io/readFile.js';
import { DMI_SYS_VENDOR } from './platform/detectPlatform.js';

const NO_FILES = {
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
};
const sleep = async (): Promise<void> => {};
const files =
  (content: Record<string, string>): ReadFile =>
  async (path) =>
    content[path];

async function chainError(p: () => Promise<unknown>): Promise<CredentialsChainError> {
  const error = await p().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialsChainError);
  return error as CredentialsChainError;
}

describe(fromInstanceRole.name, () => {
  it('is an SDK credentials provider that the SDK will not wrap in its own memoizer', () => {
    const p = fromInstanceRole({ env: { AWS_EC2_METADATA_DISABLED: 'true', ...NO_FILES } });
    expect(typeof p).toBe('function');
    expect(p.memoized).toBe(true);
    expect(typeof p.invalidate).toBe('function');
    expect(JSON.stringify(p)).toBeUndefined();
    p.close();
  });

  it('throws TypeError at construction for bad options', () => {
    expect(() => fromInstanceRole({ sources: ['ec2' as never] })).toThrow(TypeError);
  });

  it('skips IMDS without a request when the platform hint says this is not EC2', async () => {
    const http = scriptedHttp({});
    const p = createInstanceRoleProvider(
      { env: NO_FILES },
      { request: http.request, readFile: files({ [DMI_SYS_VENDOR]: 'QEMU\n' }), sleep },
    );
    const error = await chainError(p);
    expect(http.log).toEqual([]);
    expect(error.attempts.find((a) => a.source === 'imds')).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/^not an EC2 instance \(sys_vendor "QEMU"\)/),
    });
    p.close();
  });

  it('probes an unknown platform once per process: nothing listening is remembered', async () => {
    const http = scriptedHttp({
      'PUT /latest/api/token': () => new HttpTransportError('ECONNREFUSED', 'connect ECONNREFUSED'),
    });
    const seams = { request: http.request, readFile: files({}), sleep };
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6', ...NO_FILES };
    const first = createInstanceRoleProvider({ env }, seams);
    expect((await chainError(first)).attempts.find((a) => a.source === 'imds')?.outcome).toBe('failed');
    expect(http.log).toHaveLength(1);
    const second = createInstanceRoleProvider({ env, staticKeys: 'allow' }, seams);
    const again = await chainError(second);
    expect(again.attempts.find((a) => a.source === 'imds')).toMatchObject({
      outcome: 'skipped',
      reason: "IMDS at http://[fd00:ec2::254] did not answer this process's probe (ECONNREFUSED)",
    });
    expect(http.log).toHaveLength(1);
    first.close();
    second.close();
  });

  it('takes a timeout as no proof of absence, and lets a verdict of absence expire after five minutes', async () => {
    let now = Date.UTC(2026, 11, 3);
    const clock = { now: () => now };
    let answer = (): HttpTransportError => new HttpTransportError('ETIMEDOUT', 'no response in 1000 ms');
    const http = scriptedHttp({ 'PUT /latest/api/token': () => answer() });
    const seams = { request: http.request, readFile: files({}), sleep };
    const provider = () => createInstanceRoleProvider({ env: NO_FILES, clock }, seams);
    const imdsOutcome = async () =>
      (await chainError(provider())).attempts.find((a) => a.source === 'imds')?.outcome;
    // Timed out twice: asked twice, never written off.
    expect(await imdsOutcome()).toBe('failed');
    expect(await imdsOutcome()).toBe('failed');
    expect(http.count('PUT /latest/api/token')).toBe(2);
    // Refused: written off, so the next cold call asks nothing...
    answer = () => new HttpTransportError('ECONNREFUSED', 'connect ECONNREFUSED');
    expect(await imdsOutcome()).toBe('failed');
    expect(await imdsOutcome()).toBe('skipped');
    expect(http.count('PUT /latest/api/token')).toBe(3);
    // ...until five minutes have passed, when it probes again.
    now += 5 * 60_000;
    expect(await imdsOutcome()).toBe('failed');
    expect(http.count('PUT /latest/api/token')).toBe(4);
  });

  it('never writes IMDS off on a host the hint places on EC2', async () => {
    const http = scriptedHttp({
      'PUT /latest/api/token': () => new HttpTransportError('ECONNREFUSED', 'connect ECONNREFUSED'),
    });
    const seams = { request: http.request, readFile: files({ [DMI_SYS_VENDOR]: 'Amazon EC2' }), sleep };
    const p = createInstanceRoleProvider({ env: NO_FILES, imds: { maxAttempts: 2 } }, seams);
    await chainError(p);
    await chainError(p);
    // A refused connection is final for the attempt, but every call asks again.
    expect(http.count('PUT /latest/api/token')).toBe(2);
    p.close();
  });

  it('asks the ECS address for AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', async () => {
    const http = scriptedHttp({});
    const p = createInstanceRoleProvider(
      {
        sources: ['container'],
        env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc', ...NO_FILES },
      },
      { request: http.request, readFile: files({}), sleep },
    );
    await chainError(p);
    expect(http.log[0]).toMatchObject({ method: 'GET', path: '/v2/credentials/abc' });
    p.close();
  });

  it.each([
    [{ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://10.0.0.1/creds' }, /host 10\.0\.0\.1 is not allowed/],
    [
      {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'a\r\nb',
      },
      /AWS_CONTAINER_AUTHORIZATION_TOKEN contains a line break/,
    ],
  ])('refuses a bad container setting before any request %#', async (env, message) => {
    const http = scriptedHttp({});
    const p = createInstanceRoleProvider(
      { sources: ['container'], env: { ...env, ...NO_FILES } },
      { request: http.request, readFile: files({}), sleep },
    );
    const error = await chainError(p);
    expect(error.recoverable).toBe(false);
    expect(error.attempts[0]?.reason).toMatch(message);
    expect(http.log).toEqual([]);
    p.close();
  });

  it('explains half-configured static keys and profiles it cannot resolve', async () => {
    const p = createInstanceRoleProvider(
      { sources: [], env: { AWS_ACCESS_KEY_ID: 'AKID', ...NO_FILES } },
      { request: scriptedHttp({}).request, readFile: files({}), sleep },
    );
    const error = await chainError(p);
    expect(error.attempts.map((a) => a.reason)).toContain(
      'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not',
    );
    p.close();
  });
});
