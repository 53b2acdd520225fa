import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { redactionVectors } from '@keyless/redact/vectors';
import { fakeAccessKeyId, fakeSecretAccessKey, recordingLogger } from '@keyless/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FromInstanceRoleInit, fromInstanceRole } from '../src/index.js';
import { CONTAINER_MAX_ATTEMPTS, CONTAINER_TIMEOUT_MS } from '../src/sources/containerSource.js';
import { drip, type HostileHandler, startHostileServer, writeHuge } from './support/hostileServer.js';
import { recordEvents } from './support/recordEvents.js';
import { tempFiles } from './support/tempFiles.js';

// The documented deadline of one container fetch (README: "6 s"), and what a loaded CI machine adds.
const CONTAINER_DEADLINE_MS = CONTAINER_TIMEOUT_MS * CONTAINER_MAX_ATTEMPTS;
const SLACK_MS = 3000;
// No shared credentials or config file of the machine running the tests is read.
const NO_FILES = {
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
  AWS_CONFIG_FILE: '/nonexistent/keyless/config',
};

/** A reply's secrets and the caller's: none of them may appear in any output. */
interface Secrets {
  /** The container authorization token, base64url like EKS Pod Identity's. */
  readonly token: string;
  /** A second token that reads as words: only verbatim redaction can catch it. */
  readonly wordsToken: string;
  readonly jwt: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

function freshSecrets(): Secrets {
  const b64url = (n: number) => randomBytes(n).toString('base64url');
  return {
    token: b64url(36),
    wordsToken: `orange-river-${randomBytes(4).readUInt32BE()}-cloud-paper`,
    jwt: `eyJ${b64url(20)}.eyJ${b64url(40)}.${b64url(64)}`,
    secretAccessKey: fakeSecretAccessKey(),
    sessionToken: randomBytes(300).toString('base64'),
  };
}

function credentialsDoc(s: Secrets, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Code: 'Success',
    AccessKeyId: fakeAccessKeyId('ASIA'),
    SecretAccessKey: s.secretAccessKey,
    Token: s.sessionToken,
    Expiration: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    ...overrides,
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Everything a failure put in front of a person: the error chain (messages, stacks, fields), log lines, events. */
function everythingPrinted(error: unknown, logs: string[], events: unknown[]): string {
  const parts: string[] = [...logs, ...events.map((e) => JSON.stringify(e))];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 10; depth++) {
    if (!(e instanceof Error)) {
      parts.push(String(e));
      break;
    }
    parts.push(e.message, String(e.stack), JSON.stringify(e, Object.getOwnPropertyNames(e)));
    for (const attempt of (e as { attempts?: { error?: Error }[] }).attempts ?? []) {
      if (attempt.error) parts.push(everythingPrinted(attempt.error, [], []));
    }
    e = e.cause;
  }
  return parts.join('\n');
}

interface Outcome {
  error: unknown;
  elapsedMs: number;
  printed: string;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
const files = tempFiles();

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  files.cleanup();
  expect(unhandled).toEqual([]);
});

/**
 * Asks a provider once against a hostile server and returns what came of it, with everything it
 * printed. Cleans up after itself (the tests run concurrently, so no shared afterEach).
 */
async function against(
  handler: HostileHandler,
  init: (url: string) => FromInstanceRoleInit,
): Promise<Outcome & { requests: number }> {
  const server = await startHostileServer(handler);
  const logger = recordingLogger();
  const recorder = recordEvents();
  const given = init(server.url);
  const provider = fromInstanceRole({
    staticKeys: 'deny',
    logger,
    ...given,
    env: { ...NO_FILES, ...given.env },
  });
  const started = performance.now();
  const error = await provider().then(
    () => undefined,
    (e: unknown) => e,
  );
  const elapsedMs = performance.now() - started;
  recorder.stop();
  provider.close();
  await server.stop();
  return {
    error,
    elapsedMs,
    printed: everythingPrinted(
      error,
      logger.lines.map((l) => l.text),
      recorder.events,
    ),
    requests: server.requests.length,
  };
}

const container =
  (s: Secrets, token: string = s.token) =>
  (url: string): FromInstanceRoleInit => ({
    sources: ['container'],
    env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${url}/creds`, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
  });

function expectNoSecret(printed: string, s: Secrets): void {
  for (const [name, value] of Object.entries(s)) {
    expect(printed, `${name} leaked`).not.toContain(value);
    // Nor a piece long enough to matter (a message cut in the middle of a secret).
    for (let i = 0; i + 12 <= value.length; i += 12) {
      expect(printed, `part of ${name} leaked`).not.toContain(value.slice(i, i + 12));
    }
  }
}

describe.concurrent('a hostile container endpoint', () => {
  it.each([
    [
      'malformed JSON',
      (s: Secrets) => `{"AccessKeyId":"x","SecretAccessKey":"${s.secretAccessKey}`,
      /not valid JSON/,
    ],
    ['a JSON array', (s: Secrets) => JSON.stringify([credentialsDoc(s)]), /not valid JSON/],
    [
      'a number for AccessKeyId',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { AccessKeyId: 123 })),
      /field AccessKeyId is missing or not a string/,
    ],
    [
      'an object for Token',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Token: { value: s.sessionToken } })),
      /field Token is missing/,
    ],
    [
      'a boolean Expiration',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Expiration: true })),
      /field Expiration is missing/,
    ],
    [
      'a garbage Expiration',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Expiration: 'tomorrow' })),
      /Expiration "tomorrow" is not an RFC 3339/,
    ],
    [
      'the secret key as the Expiration',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Expiration: s.secretAccessKey })),
      /Expiration "\*\*\*\*" is not an RFC 3339/,
    ],
    [
      "the caller's token as the Code",
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Code: s.token })),
      /Code is "\*\*\*\*", not "Success"/,
    ],
    [
      'the session token as the Code',
      (s: Secrets) => JSON.stringify(credentialsDoc(s, { Code: `Failed: ${s.sessionToken}` })),
      /Code is "Failed: \*\*\*\*", not "Success"/,
    ],
  ])('%s: a clear error naming the problem, no secret anywhere', async (_, body, expected) => {
    const s = freshSecrets();
    const out = await against((_req, res) => res.writeHead(200).end(body(s)), container(s));
    expect(String(out.error)).toMatch(
      /container: malformed credentials from http:\/\/127\.0\.0\.1:\d+\/creds/,
    );
    expect(String(out.error)).toMatch(expected);
    expectNoSecret(out.printed, s);
  });

  it.each([
    ['a 403 echoing the base64url token', (s: Secrets) => s.token],
    ['a 403 echoing a token that reads as words', (s: Secrets) => s.wordsToken],
  ])('%s: removed verbatim from message, cause, logs and events', async (_, pick) => {
    const s = freshSecrets();
    const token = pick(s);
    const out = await against(
      (req, res) =>
        json(res, 403, {
          code: 'AccessDenied',
          message: `authorization ${req.headers.authorization} is not valid; expected ${s.jwt}; padding ${'x'.repeat(200)}`,
        }),
      container(s, token),
    );
    expect(String(out.error)).toMatch(
      /answered 403 \(AccessDenied: authorization \*\*\*\* is not valid; expected \*\*\*\*/,
    );
    expectNoSecret(out.printed, s);
  });

  it.each([301, 302, 307, 308])('a %i redirect is never followed', async (status) => {
    const s = freshSecrets();
    const target = await startHostileServer((_req, res) => json(res, 200, credentialsDoc(s)));
    const out = await against(
      (_req, res) => res.writeHead(status, { location: `${target.url}/creds?token=${s.token}` }).end(),
      container(s),
    );
    await target.stop();
    expect(String(out.error)).toMatch(new RegExp(`answered ${status}`));
    expect(target.requests).toEqual([]);
    expectNoSecret(out.printed, s);
  });

  it('a reset in the middle of the body: a network error within the deadline', async () => {
    const s = freshSecrets();
    const out = await against((_req, res) => {
      res.writeHead(200, { 'content-length': '4000' });
      res.write(JSON.stringify(credentialsDoc(s)).slice(0, 60));
      setTimeout(() => res.socket?.destroy(), 20);
    }, container(s));
    expect(String(out.error)).toMatch(/container: .*(ECONNRESET|socket hang up|aborted|closed)/i);
    expect(out.elapsedMs).toBeLessThan(CONTAINER_DEADLINE_MS + SLACK_MS);
    expectNoSecret(out.printed, s);
  });

  it('a body dripped one byte at a time forever: the fetch ends at the documented deadline', async () => {
    const s = freshSecrets();
    const out = await against((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      drip(res, 100);
    }, container(s));
    expect(String(out.error)).toMatch(/container: .*(no response in \d+ ms|deadline passed)/);
    expect(out.elapsedMs).toBeLessThan(CONTAINER_DEADLINE_MS + SLACK_MS);
    expectNoSecret(out.printed, s);
  }, 30_000);

  it('a server that accepts and never answers: the fetch ends at the documented deadline', async () => {
    const s = freshSecrets();
    const out = await against(() => {}, container(s));
    expect(String(out.error)).toMatch(/container: .*(no response in \d+ ms|deadline passed)/);
    expect(out.elapsedMs).toBeLessThan(CONTAINER_DEADLINE_MS + SLACK_MS);
  }, 30_000);

  it('a 401 on every attempt: a bounded number of requests and a clear error', async () => {
    const s = freshSecrets();
    const out = await against((_req, res) => json(res, 401, { message: `bad ${s.token}` }), container(s));
    expect(String(out.error)).toMatch(/answered 401/);
    expect(out.requests).toBeLessThanOrEqual(CONTAINER_MAX_ATTEMPTS);
    expectNoSecret(out.printed, s);
  });

  it('an expiration in the past: refused as expired, not served', async () => {
    const s = freshSecrets();
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const out = await against(
      (_req, res) => json(res, 200, credentialsDoc(s, { Expiration: past })),
      container(s),
    );
    expect(String(out.error)).toMatch(/expired/i);
    expectNoSecret(out.printed, s);
  });
});

describe('a hostile container endpoint, one at a time', () => {
  it('a 200 MB body: capped, memory stays bounded, and the error says why', async () => {
    const s = freshSecrets();
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    const out = await against((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      writeHuge(res, 200 * 1024 * 1024, `{"Token":"${s.sessionToken}",`);
    }, container(s));
    const grown = process.memoryUsage().rss - before;
    expect(String(out.error)).toMatch(/container: response body over 65536 bytes/);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
    expectNoSecret(out.printed, s);
  }, 30_000);

  it('an expiration in the far future is served once and never re-fetched in a loop', async () => {
    const s = freshSecrets();
    const warnings: Error[] = [];
    const onWarning = (w: Error): void => {
      warnings.push(w);
    };
    process.on('warning', onWarning);
    try {
      let served = 0;
      const server = await startHostileServer((_req, res) => {
        served++;
        json(res, 200, credentialsDoc(s, { Expiration: '9999-12-31T23:59:59Z' }));
      });
      const given = container(s)(server.url);
      const provider = fromInstanceRole({ staticKeys: 'deny', ...given, env: { ...NO_FILES, ...given.env } });
      expect((await provider()).source).toBe('container');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      provider.close();
      await server.stop();
      expect(served).toBe(1);
      expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe.concurrent('a hostile IMDS', () => {
  const imds = (url: string): FromInstanceRoleInit => ({
    sources: ['imds'],
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: url, AWS_EC2_METADATA_V1_DISABLED: 'true' },
    // Generous: these cases are about requests and errors, not time, and a loaded machine is slow.
    imds: { timeoutMs: 5000, maxAttempts: 3 },
  });
  /** IMDS that hands out `s.token` and a role name as usual, and answers credentials with `reply`. */
  const imdsAnswering =
    (s: Secrets, reply: (res: ServerResponse) => void): HostileHandler =>
    (req, res) => {
      if (req.method === 'PUT')
        res.writeHead(200, { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }).end(s.token);
      else if (req.url?.endsWith('/')) res.writeHead(200).end('role');
      else reply(res);
    };

  it('a 401 on every credentials call: one token re-fetch, a bounded number of requests, a clear error', async () => {
    const s = freshSecrets();
    const out = await against(
      imdsAnswering(s, (res) => res.writeHead(401).end()),
      imds,
    );
    expect(String(out.error)).toMatch(/imds: .*401/);
    expect(out.requests).toBeLessThanOrEqual(8);
    expectNoSecret(out.printed, s);
  });

  it('credentials that echo the IMDS token into Code: no token in any output', async () => {
    const s = freshSecrets();
    const out = await against(
      imdsAnswering(s, (res) => json(res, 200, credentialsDoc(s, { Code: `Denied ${s.token} ${s.jwt}` }))),
      imds,
    );
    expect(String(out.error)).toMatch(/Code is "Denied \*\*\*\* \*\*\*\*…?", not "Success"/);
    expectNoSecret(out.printed, s);
  });
});

describe.concurrent('a hostile STS for web identity', () => {
  const webIdentity =
    (s: Secrets) =>
    (url: string): FromInstanceRoleInit => ({
      sources: ['web-identity'],
      env: {
        AWS_WEB_IDENTITY_TOKEN_FILE: files.write(`token-${randomBytes(4).toString('hex')}`, s.jwt),
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/app',
        AWS_ENDPOINT_URL_STS: url,
        AWS_REGION: 'eu-west-1',
      },
    });
  const stsError = (code: string, message: string) =>
    `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;

  it('an error echoing the JWT: never in the message, the cause, logs or events', async () => {
    const s = freshSecrets();
    const out = await against(
      (_req, res, body) =>
        res
          .writeHead(400, { 'content-type': 'text/xml' })
          .end(
            stsError(
              'InvalidIdentityToken',
              `token ${new URLSearchParams(body).get('WebIdentityToken')} rejected`,
            ),
          ),
      webIdentity(s),
    );
    expect(String(out.error)).toMatch(
      /web-identity: AssumeRoleWithWebIdentity at .* failed \(InvalidIdentityToken/,
    );
    expectNoSecret(out.printed, s);
  });

  it('malformed XML: a clear error, no body quoted', async () => {
    const s = freshSecrets();
    const out = await against(
      (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/xml' })
          .end(`<AssumeRoleWithWebIdentityResponse><${s.jwt}`),
      webIdentity(s),
    );
    expect(String(out.error)).toMatch(/web-identity: /);
    expectNoSecret(out.printed, s);
  });
});

// The shared contract (@keyless/redact/vectors) through a real provider: the server echoes each
// vector in a 403 body, with the vector's known value as the container authorization token.
describe.concurrent('the redaction vectors, echoed by a container endpoint', () => {
  it.each(redactionVectors().redact)('$name', async (v) => {
    const s = freshSecrets();
    const out = await against(
      (_req, res) => json(res, 403, { code: 'Denied', message: v.input }),
      container(s, v.known[0] ?? s.token),
    );
    for (const secret of v.secrets) {
      if (!/^A[A-Z]{3}/.test(secret)) expect(out.printed).not.toContain(secret);
    }
    // The detail is cut at 160 characters, so only whole short vectors can be compared.
    if (v.maxLength === undefined && v.expected.length < 140 && !v.expected.includes('\n')) {
      expect(String(out.error)).toContain(`(Denied: ${v.expected})`);
    }
  });
});
