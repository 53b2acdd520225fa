import { type Emulator, type FaultSpec, startEmulator } from '@keyless/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialsChainError,
  type FromInstanceRoleInit,
  fromInstanceRole,
  type InstanceRoleProvider,
  MalformedResponseError,
} from '../src/index.js';
import { FakeTime } from './support/FakeTime.js';
import { recordEvents } from './support/recordEvents.js';
import { tempFiles } from './support/tempFiles.js';

const TOKEN: Partial<FaultSpec> = { kind: 'imds-token' };
const CREDS: Partial<FaultSpec> = { kind: 'imds-credentials' };

describe('every emulator fault mode', () => {
  let emu: Emulator;
  let time: FakeTime;
  const providers: InstanceRoleProvider[] = [];

  /** An IMDS-only provider with short timeouts and no jitter, so faults show quickly. */
  const imds = (init: FromInstanceRoleInit = {}): InstanceRoleProvider => {
    const p = fromInstanceRole({
      sources: ['imds'],
      staticKeys: 'deny',
      clock: time,
      scheduler: time,
      random: () => 0,
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds },
      ...init,
      imds: { timeoutMs: 1000, maxAttempts: 3, ...init.imds },
    });
    providers.push(p);
    return p;
  };
  /** The cause behind a chain error for one source. */
  const failure = async (
    p: InstanceRoleProvider,
  ): Promise<{ error: CredentialsChainError; reason: string }> => {
    const error = await p().then(
      () => {
        throw new Error('expected the provider to fail');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CredentialsChainError);
    const chain = error as CredentialsChainError;
    return { error: chain, reason: chain.attempts.find((a) => a.outcome === 'failed')?.reason ?? '' };
  };
  /** Metadata GETs sent without a token: an IMDSv1 downgrade. */
  const v1Requests = (): number =>
    emu.requests().filter((r) => r.kind !== 'imds-token' && !r.tokenSent).length;

  beforeEach(async () => {
    time = new FakeTime();
    emu = await startEmulator({ clock: time, allowV1: true });
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await emu.stop();
  });

  describe('latency', () => {
    it('below the timeout: one attempt, success', async () => {
      emu.fault({ ...TOKEN, type: 'latency', ms: 50 });
      // A generous timeout: on a busy machine 1 s can pass before a 50 ms reply is read.
      expect((await imds({ imds: { timeoutMs: 5000 } })()).source).toBe('imds');
      expect(emu.count({ kind: 'imds-token' })).toBe(1);
    });

    it('past the timeout before the headers: the attempt is retried', async () => {
      emu.fault({ ...CREDS, times: 1, type: 'latency', ms: 2500 });
      expect((await imds()()).accessKeyId).toBe(emu.current().accessKeyId);
      expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    });

    it('past the timeout mid-body: the attempt is retried', async () => {
      emu.fault({ ...CREDS, times: 1, type: 'latency', ms: 2500, stage: 'body' });
      expect((await imds()()).accessKeyId).toBe(emu.current().accessKeyId);
      expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    });
  });

  describe('hang', () => {
    it('on the first token call: first contact, so one attempt is final; the next call works, never IMDSv1', async () => {
      emu.fault({ ...TOKEN, times: 1, type: 'hang' });
      const p = imds({ imds: { allowV1: true } });
      const { reason } = await failure(p);
      // The SDKs' one-attempt default: a timeout before the service ever answered is not retried.
      expect(reason).toMatch(/^imds: PUT \S+\/latest\/api\/token: no response in 1000 ms/);
      expect(emu.count({ kind: 'imds-token' })).toBe(1);
      expect((await p()).source).toBe('imds');
      expect(emu.count({ kind: 'imds-token' })).toBe(2);
      expect(v1Requests()).toBe(0);
    });

    it('on every token call: fails inside the deadline, never IMDSv1', async () => {
      emu.fault({ ...TOKEN, type: 'hang' });
      const started = performance.now();
      const { reason } = await failure(imds({ imds: { allowV1: true } }));
      expect(performance.now() - started).toBeLessThan(5000);
      expect(reason).toMatch(
        /^imds: PUT http:\/\/127\.0\.0\.1:\d+\/latest\/api\/token: (no response in \d+ ms|fetch deadline passed)/,
      );
      expect(v1Requests()).toBe(0);
    });
  });

  describe('reset and refuse', () => {
    it('a reset connection is retried', async () => {
      emu.fault({ ...CREDS, times: 2, type: 'reset' });
      expect((await imds()()).accessKeyId).toBe(emu.current().accessKeyId);
      expect(emu.count({ kind: 'imds-credentials' })).toBe(3);
    });

    it('a refused connection is retried', async () => {
      emu.fault({ times: 1, type: 'refuse' });
      expect((await imds()()).source).toBe('imds');
    });

    it('refused every time: the error names the connection failure', async () => {
      emu.fault({ type: 'refuse' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(
        /^imds: PUT http:\/\/127\.0\.0\.1:\d+\/latest\/api\/token: .*(ECONNRESET|socket hang up)/,
      );
    });
  });

  describe('status', () => {
    it('5xx is retried', async () => {
      emu.fault({ ...CREDS, times: 2, type: 'status', status: 503 });
      expect((await imds()()).source).toBe('imds');
      expect(emu.requests({ kind: 'imds-credentials' }).map((r) => r.status)).toEqual([503, 503, 200]);
    });

    it('5xx on every attempt: a recoverable error, and a warm cache keeps serving', async () => {
      const p = imds({ prefetch: false });
      const first = await p();
      emu.fault({ ...CREDS, type: 'status', status: 500 });
      time.jump(5.5 * 3_600_000);
      const recorder = recordEvents();
      try {
        expect((await p()).accessKeyId).toBe(first.accessKeyId);
        const failed = recorder.events.find((e) => e.channel === 'refreshFailed');
        expect(failed?.message).toMatchObject({
          servingCached: true,
          error: { recoverable: true, message: expect.stringMatching(/answered 500 after every retry/) },
        });
      } finally {
        recorder.stop();
      }
    });
  });

  describe('throttle', () => {
    it('429 backs off for Retry-After and never downgrades to IMDSv1', async () => {
      emu.fault({ ...TOKEN, times: 1, type: 'throttle', retryAfterSeconds: 1 });
      const started = performance.now();
      await imds({ imds: { allowV1: true, timeoutMs: 1000 } })();
      expect(performance.now() - started).toBeGreaterThanOrEqual(900);
      expect(emu.requests({ kind: 'imds-token' }).map((r) => r.status)).toEqual([429, 200]);
      expect(v1Requests()).toBe(0);
    });

    it('429 on every attempt: the error says throttled, still no IMDSv1', async () => {
      emu.fault({ ...TOKEN, type: 'throttle' });
      const { reason } = await failure(imds({ imds: { allowV1: true } }));
      expect(reason).toMatch(/token request answered 429 Too Many Requests after every retry/);
      expect(v1Requests()).toBe(0);
    });
  });

  describe('malformed, partial and code', () => {
    it('malformed credentials: a MalformedResponseError naming imds', async () => {
      emu.fault({ ...CREDS, type: 'malformed' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(
        /^imds: malformed credentials from http:\/\/127\.0\.0\.1:\d+\/\S+: the body is not valid JSON$/,
      );
    });

    it('malformed credentials: the attempt carries the typed error', async () => {
      emu.fault({ ...CREDS, type: 'malformed' });
      const { error } = await failure(imds());
      const cause = error.attempts[0]?.error;
      expect(cause).toBeInstanceOf(MalformedResponseError);
      expect(cause).toMatchObject({ source: 'imds', problem: 'invalid-json' });
    });

    it('a malformed role list is not taken for a role name', async () => {
      emu.fault({ kind: 'imds-role-list', type: 'malformed' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(/role name request answered 200 with an unusable body/);
      expect(emu.count({ kind: 'imds-credentials' })).toBe(0);
    });

    it('a partial body is retried', async () => {
      emu.fault({ ...CREDS, times: 1, type: 'partial' });
      expect((await imds()()).accessKeyId).toBe(emu.current().accessKeyId);
    });

    it('a partial body on every attempt fails without quoting it', async () => {
      emu.fault({ ...CREDS, type: 'partial' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(/^imds: GET \S+: connection closed mid-response|aborted/);
      expect(reason).not.toContain(emu.current().secretAccessKey.slice(0, 8));
    });

    it('Code other than Success: code-not-success with the code', async () => {
      emu.fault({ ...CREDS, type: 'code', code: 'AssumeRoleUnauthorizedAccess' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(/: Code is "AssumeRoleUnauthorizedAccess", not "Success"$/);
    });
  });

  describe('expiry', () => {
    it('already-expired credentials on a cold start are a failed fetch', async () => {
      emu.fault({ ...CREDS, type: 'expired' });
      await expect(imds({ staticKeys: 'allow' })()).rejects.toThrow(
        /the source returned credentials that expired at/,
      );
    });

    it('already-expired credentials on a refresh: the cached set is kept', async () => {
      const p = imds({ prefetch: false });
      const first = await p();
      emu.fault({ ...CREDS, type: 'expired' });
      p.invalidate();
      expect((await p()).accessKeyId).toBe(first.accessKeyId);
    });

    it('near-expiry credentials are used, then replaced on a call after the fetch floor, without a hot loop', async () => {
      emu.fault({ ...CREDS, times: 1, type: 'near-expiry', remainingMs: 3 * 60_000 });
      const p = imds({ prefetch: false });
      const short = await p();
      expect(short.expiration?.getTime()).toBe(time.now() + 3 * 60_000);
      // Within the floor (2 s after a set that arrived inside its advisory window) the set is served.
      expect((await p()).accessKeyId).toBe(short.accessKeyId);
      time.jump(2_000);
      const next = await p();
      expect(next.accessKeyId).not.toBe(short.accessKeyId);
      for (let i = 0; i < 20; i++) await p();
      expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
    });
  });

  describe('token faults', () => {
    it('invalidated tokens: one new token, one retry', async () => {
      const p = imds({ prefetch: false });
      await p();
      emu.fault({ ...CREDS, times: 1, type: 'invalidate-tokens' });
      p.invalidate();
      emu.rotate();
      expect((await p()).accessKeyId).toBe(emu.current().accessKeyId);
      expect(emu.count({ kind: 'imds-token' })).toBe(2);
    });

    it('no TTL header on the token reply: the token is still used and cached', async () => {
      emu.fault({ ...TOKEN, type: 'no-ttl-header' });
      const p = imds({ prefetch: false });
      await p();
      p.invalidate();
      await p();
      expect(emu.count({ kind: 'imds-token' })).toBe(1);
    });

    it('IMDS disabled: 403 everywhere, the error says so', async () => {
      emu.fault({ type: 'imds-disabled' });
      const { reason } = await failure(imds());
      expect(reason).toMatch(/token request answered 403 .* IMDSv1 fallback is off/);
      const withV1 = await failure(imds({ imds: { allowV1: true }, profile: 'v1' }));
      expect(withV1.reason).toMatch(/403; the instance metadata endpoint may be turned off/);
    });
  });

  describe('container and STS surfaces', () => {
    const container = (init: FromInstanceRoleInit = {}) => {
      const p = fromInstanceRole({
        sources: ['container'],
        staticKeys: 'deny',
        clock: time,
        scheduler: time,
        random: () => 0,
        env: { ...emu.env },
        ...init,
      });
      providers.push(p);
      return p;
    };

    it('container 503 and 429 are retried', async () => {
      emu.fault({ kind: 'container', times: 1, type: 'status', status: 503 });
      emu.fault({ kind: 'container', times: 1, type: 'throttle', retryAfterSeconds: 0 });
      expect((await container()()).source).toBe('container');
      expect(emu.count({ kind: 'container' })).toBe(3);
    });

    it('container malformed JSON: a MalformedResponseError naming container', async () => {
      emu.fault({ kind: 'container', type: 'malformed' });
      const { reason } = await failure(container());
      expect(reason).toMatch(
        /^container: malformed credentials from http:\/\/127\.0\.0\.1:\d+\/v1\/credentials: the body is not valid JSON$/,
      );
    });

    it('container expired credentials are a failed fetch', async () => {
      emu.fault({ kind: 'container', type: 'expired' });
      await expect(container()()).rejects.toThrow(/expired at/);
    });

    it('STS malformed XML and error codes name web-identity', async () => {
      const files = tempFiles();
      try {
        const tokenFile = files.write('token', emu.webIdentityToken);
        const env = {
          AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
          AWS_ROLE_ARN: emu.roleArn,
          AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
        };
        emu.fault({ kind: 'sts', times: 1, type: 'malformed' });
        const malformed = await container({ sources: ['web-identity'], env })
          .call(undefined)
          .catch((e: unknown) => e);
        const reason = (malformed as CredentialsChainError).attempts?.[0]?.reason ?? String(malformed);
        expect(reason).toMatch(
          /^web-identity: malformed credentials from http:\/\/127\.0\.0\.1:\d+: the body is not the expected XML$/,
        );
        emu.fault({ kind: 'sts', times: 1, type: 'code', code: 'IDPRejectedClaim' });
        const rejected = await failure(container({ sources: ['web-identity'], env, profile: 'again' }));
        expect(rejected.reason).toMatch(
          /web-identity: AssumeRoleWithWebIdentity at \S+ failed \(IDPRejectedClaim/,
        );
      } finally {
        files.cleanup();
      }
    });
  });
});
