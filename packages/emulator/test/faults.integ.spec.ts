import { request } from 'node:http';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

let emu: Emulator;

async function start(options: EmulatorOptions = {}): Promise<void> {
  await emu?.stop();
  emu = await startEmulator(options);
  vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', emu.endpoints.imds);
}

beforeEach(async () => {
  await start();
});

afterEach(async () => {
  await emu.stop();
});

const imds = (init: Parameters<typeof fromInstanceMetadata>[0] = {}) =>
  fromInstanceMetadata({ logger: quietLogger(), ...init })();
const ecs = (init: Parameters<typeof fromHttp>[0] = {}) =>
  fromHttp({
    awsContainerCredentialsFullUri: `${emu.url}${emu.endpoints.containerRelativeUri}`,
    maxRetries: 0,
    ...init,
  })();
const sts = () =>
  new STSClient({
    endpoint: emu.endpoints.sts,
    region: 'us-east-1',
    credentials: emu.current(),
    maxAttempts: 1,
  }).send(new GetCallerIdentityCommand({}));

function quietLogger() {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** Raw GET that reports what arrived, even a truncated body, so tests see exactly what the wire carried. */
function rawGet(
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; error?: string }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const req = request(`${emu.url}${path}`, { agent: false }, (res) => {
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', (e) =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          error: e.message,
        }),
      );
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: e.code ?? e.message }),
    );
    req.end();
  });
}

describe('fault injection observed by SDK clients', () => {
  it('latency before the headers makes the IMDS provider time out, and below its timeout it succeeds', async () => {
    // Generous margins either side of the timeout so a loaded machine cannot flip the outcome.
    // The token and role requests before it must finish inside the same timeout, even on a loaded
    // machine, or the SDK takes its IMDSv1 path and fails differently.
    const f = emu.fault({ kind: 'imds-credentials', type: 'latency', ms: 4000 });
    await expect(imds({ timeout: 1500 })).rejects.toThrow('TimeoutError');
    await expect(imds({ timeout: 10_000 })).resolves.toMatchObject({
      accessKeyId: emu.current().accessKeyId,
    });
    expect(f.hits).toBe(2);
  });

  it('latency mid-body stalls the socket after the headers and the IMDS provider times out', async () => {
    emu.fault({ kind: 'imds-credentials', type: 'latency', ms: 4000, stage: 'body' });
    await expect(imds({ timeout: 1500 })).rejects.toThrow('TimeoutError');
  });

  it('a hung token PUT (the container hop-limit drop) sends the SDK to IMDSv1 when v1 is allowed', async () => {
    await start({ allowV1: true });
    emu.fault({ kind: 'imds-token', type: 'hang' });
    await expect(imds({ timeout: 1500 })).resolves.toMatchObject({ accessKeyId: emu.current().accessKeyId });
    expect(emu.requests({ kind: 'imds-credentials' })).toMatchObject([{ tokenSent: false, status: 200 }]);
    expect(emu.requests({ kind: 'imds-token' })).toMatchObject([{ status: 0, fault: 'hang' }]);
  });

  it('a reset connection fails the container provider; its retry succeeds once the fault is used up', async () => {
    const f = emu.fault({ kind: 'container', type: 'reset', times: 1 });
    await expect(ecs()).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(ecs({ maxRetries: 1, timeout: 2000 })).resolves.toMatchObject({
      accessKeyId: emu.current().accessKeyId,
    });
    expect(f.hits).toBe(1);
  });

  it('refuse resets new connections before any request is read, until cleared', async () => {
    const f = emu.fault({ type: 'refuse' });
    await expect(sts()).rejects.toThrow(/ECONNRESET|socket hang up/);
    await expect(imds()).rejects.toThrow();
    expect(emu.count()).toBe(0);
    expect(f.hits).toBeGreaterThanOrEqual(2);
    f.clear();
    await expect(sts()).resolves.toMatchObject({ Account: '111122223333' });
  });

  it('status 500 fails the IMDS provider; with a retry it succeeds and the log shows both attempts', async () => {
    emu.fault({ kind: 'imds-credentials', type: 'status', status: 500, times: 1 });
    await expect(imds()).rejects.toMatchObject({ statusCode: 500 });
    emu.fault({ kind: 'imds-credentials', type: 'status', status: 502, times: 1 });
    await expect(imds({ maxRetries: 1 })).resolves.toBeDefined();
    expect(emu.requests({ kind: 'imds-credentials' }).map((r) => r.status)).toEqual([500, 502, 200]);
  });

  it('status 503 on the ECS endpoint is CredentialsUninitialized', async () => {
    emu.fault({ kind: 'container', type: 'status', status: 503 });
    await expect(ecs()).rejects.toThrow('Server responded with status: 503');
    const raw = await rawGet(emu.endpoints.containerRelativeUri);
    expect(JSON.parse(raw.body.toString())).toMatchObject({ code: 'CredentialsUninitialized' });
  });

  it('throttle answers 429 with Retry-After on IMDS, and Throttling on STS which the SDK retries', async () => {
    emu.fault({ kind: 'imds-role-list', type: 'throttle', retryAfterSeconds: 3, times: 1 });
    await expect(imds()).rejects.toMatchObject({ statusCode: 429 });
    emu.fault({ kind: 'imds-role-list', type: 'throttle', retryAfterSeconds: 3, times: 1 });
    expect((await rawGet('/latest/meta-data/iam/security-credentials/')).headers['retry-after']).toBe('3');
    emu.fault({ kind: 'sts', type: 'throttle', times: 1 });
    const client = new STSClient({
      endpoint: emu.endpoints.sts,
      region: 'us-east-1',
      credentials: emu.current(),
      maxAttempts: 2,
    });
    const out = await client.send(new GetCallerIdentityCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(emu.requests({ kind: 'sts' }).map((r) => r.status)).toEqual([400, 200]);
  });

  it('malformed bodies break the IMDS, container and STS parsers', async () => {
    const f = emu.fault({ kind: 'imds-credentials', type: 'malformed' });
    await expect(imds()).rejects.toThrow(SyntaxError);
    f.clear();
    // A token with bytes that are not valid in a header is refused by Node before it is sent.
    emu.fault({ kind: 'imds-token', type: 'malformed', times: 1 });
    await expect(imds()).rejects.toThrow(/Invalid character in header/);
    emu.fault({ type: 'malformed' });
    await expect(ecs()).rejects.toThrow(/JSON|Unexpected token/);
    await expect(sts()).rejects.toThrow();
  });

  it('a partial body is cut off after half the announced Content-Length', async () => {
    emu.fault({ kind: 'container', type: 'partial' });
    await expect(ecs()).rejects.toThrow();
    const raw = await rawGet(emu.endpoints.containerRelativeUri);
    expect(raw.body.length).toBe(Math.floor(Number(raw.headers['content-length']) / 2));
  });

  it('a Code other than Success is rejected by the IMDS provider; on STS it is the error code', async () => {
    emu.fault({ kind: 'imds-credentials', type: 'code', code: 'AssumeRoleUnauthorizedAccess' });
    await expect(imds()).rejects.toThrow('Invalid response received from instance metadata service.');
    emu.fault({ kind: 'sts', type: 'code', code: 'RegionDisabledException' });
    await expect(sts()).rejects.toMatchObject({
      name: 'RegionDisabledException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('expired credentials trigger the SDK static-stability extension and its warning', async () => {
    emu.fault({ kind: 'imds-credentials', type: 'expired' });
    const logger = quietLogger();
    const creds = await imds({ logger });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Attempting credential expiration extension'),
    );
    const original = (creds as { originalExpiration?: Date }).originalExpiration;
    expect(original?.getTime()).toBeLessThan(Date.now());
    expect(creds.expiration?.getTime()).toBeGreaterThan(Date.now());
  });

  it('near-expiry credentials reach the container provider with the short remaining life', async () => {
    const before = Date.now();
    emu.fault({ kind: 'container', type: 'near-expiry', remainingMs: 120_000 });
    const creds = await ecs();
    const again = await ecs();
    expect(again.accessKeyId).toBe(creds.accessKeyId);
    expect(creds.expiration?.getTime()).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 119_000);
    expect(creds.expiration?.getTime()).toBeLessThanOrEqual(Date.now() + 120_000);
    expect(creds.accessKeyId).not.toBe(emu.current().accessKeyId);
  });

  it('invalidate-tokens makes the next metadata GET 401 and the SDK recovers with a new token', async () => {
    emu.fault({ kind: 'imds-role-list', type: 'invalidate-tokens', times: 1 });
    await expect(imds()).rejects.toMatchObject({ statusCode: 401 });
    await expect(imds()).resolves.toBeDefined();
    expect(emu.requests({ kind: 'imds-token' })).toHaveLength(2);
  });

  it('no-ttl-header drops the TTL reply header; the JS SDK does not read it and still succeeds', async () => {
    emu.fault({ kind: 'imds-token', type: 'no-ttl-header', times: 1 });
    const res = await fetch(`${emu.url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.has('x-aws-ec2-metadata-token-ttl-seconds')).toBe(false);
    emu.fault({ kind: 'imds-token', type: 'no-ttl-header' });
    await expect(imds()).resolves.toMatchObject({ accessKeyId: emu.current().accessKeyId });
  });

  it('imds-disabled answers 403 everywhere on IMDS and the SDK gives up', async () => {
    emu.fault({ type: 'imds-disabled' });
    await expect(imds()).rejects.toMatchObject({ statusCode: 403 });
    expect(emu.requests().map((r) => r.status)).toEqual([403, 403]);
    await expect(ecs()).resolves.toBeDefined();
  });
});

describe('fault targeting', () => {
  it('times applies to the next N matching requests only', async () => {
    const f = emu.fault({
      path: '/latest/meta-data/iam/security-credentials/',
      type: 'status',
      status: 500,
      times: 2,
    });
    await expect(imds()).rejects.toMatchObject({ statusCode: 500 });
    await expect(imds()).rejects.toMatchObject({ statusCode: 500 });
    await expect(imds()).resolves.toBeDefined();
    expect(f.hits).toBe(2);
  });

  it('probability is deterministic for a given seed', async () => {
    const pattern = async (seed: number) => {
      await start({ seed, allowV1: true });
      const f = emu.fault({ kind: 'imds-other', type: 'status', status: 503, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await rawGet('/latest/meta-data/instance-id')).status);
      return { statuses, hits: f.hits };
    };
    const a = await pattern(42);
    const b = await pattern(42);
    expect(b.statuses).toEqual(a.statuses);
    expect(a.hits).toBe(a.statuses.filter((s) => s === 503).length);
    expect(a.hits).toBeGreaterThan(0);
    expect(a.hits).toBeLessThan(24);
  });

  it('RegExp paths and methods narrow a fault; clearFaults removes all', async () => {
    emu.fault({ path: /^\/latest\/api\//, method: 'PUT', type: 'status', status: 404 });
    emu.fault({ path: /^\/v2\//, type: 'status', status: 500 });
    await expect(imds()).rejects.toMatchObject({ statusCode: 401 });
    await expect(ecs()).rejects.toThrow('Server responded with status: 500');
    emu.clearFaults();
    await expect(imds()).resolves.toBeDefined();
    await expect(ecs()).resolves.toBeDefined();
  });

  it('rejects a bad fault spec with a TypeError', () => {
    expect(() => emu.fault({ type: 'status', status: 42 })).toThrow(TypeError);
    expect(() => emu.fault({ type: 'latency', ms: 10, times: 0 })).toThrow(TypeError);
    expect(() => emu.fault({ type: 'hang', probability: 2 })).toThrow(TypeError);
    expect(() => emu.fault({ type: 'nope' } as never)).toThrow(/unknown type "nope"/);
  });
});
