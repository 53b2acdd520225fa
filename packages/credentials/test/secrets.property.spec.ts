import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { recordingLogger } from '@keyless/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInstanceRoleProvider } from '../src/fromInstanceRole.js';
import { CHANNELS, type StaticKeysPolicy } from '../src/index.js';
import type { HttpRequest } from '../src/io/httpRequest.js';
import { FakeTime } from './support/FakeTime.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('');
const keyId = (prefix: string) =>
  fc.array(fc.constantFrom(...BASE32), { minLength: 16, maxLength: 16 }).map((c) => prefix + c.join(''));
const secret = fc.base64String({ minLength: 40, maxLength: 40 }).filter((s) => s.length === 40);
const token = fc.base64String({ minLength: 100, maxLength: 600 }).filter((s) => s.length >= 100);

interface Material {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}
const material = fc.record({ accessKeyId: keyId('ASIA'), secretAccessKey: secret, sessionToken: token });

/** How the endpoint answers: every way a reply can go wrong, with the secrets in the awkward places. */
const reply = fc.oneof(
  fc.constant({ kind: 'valid' as const }),
  fc.record({ kind: fc.constant('truncated' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('missing' as const),
    field: fc.constantFrom('AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'),
  }),
  fc.record({
    kind: fc.constant('secret-in' as const),
    field: fc.constantFrom('Code', 'Expiration', 'AccessKeyId'),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    status: fc.constantFrom(400, 401, 403, 404, 429, 500, 503),
  }),
  fc.constant({ kind: 'expired' as const }),
  fc.constant({ kind: 'array' as const }),
);
type Reply = typeof reply extends fc.Arbitrary<infer R> ? R : never;

function body(m: Material, r: Reply, now: number): { status: number; body: string } {
  const doc: Record<string, unknown> = {
    Code: 'Success',
    AccessKeyId: m.accessKeyId,
    SecretAccessKey: m.secretAccessKey,
    Token: m.sessionToken,
    Expiration: new Date(now + (r.kind === 'expired' ? -60_000 : 6 * 3_600_000)).toISOString(),
  };
  switch (r.kind) {
    case 'truncated': {
      const full = JSON.stringify(doc);
      return { status: 200, body: full.slice(0, r.at % full.length) };
    }
    case 'missing':
      delete doc[r.field];
      return { status: 200, body: JSON.stringify(doc) };
    case 'secret-in':
      doc[r.field] = r.field === 'Code' ? m.sessionToken : m.secretAccessKey;
      return { status: 200, body: JSON.stringify(doc) };
    case 'status':
      return { status: r.status, body: JSON.stringify(doc) };
    case 'array':
      return { status: 200, body: JSON.stringify([doc]) };
    default:
      return { status: 200, body: JSON.stringify(doc) };
  }
}

describe('no secret ever leaks', () => {
  it('into a log line, an event, an error message or JSON.stringify, whatever the replies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          imds: material,
          container: material,
          env: fc.record({
            accessKeyId: keyId('AKIA'),
            secretAccessKey: secret,
            sessionToken: fc.option(token, { nil: undefined }),
          }),
          replies: fc.array(reply, { minLength: 3, maxLength: 3 }),
          containerReply: reply,
          useContainer: fc.boolean(),
          policy: fc.constantFrom<StaticKeysPolicy>('warn', 'deny', 'allow'),
        }),
        async (input) => {
          const time = new FakeTime();
          const logger = recordingLogger();
          const texts: string[] = [];
          const record = (m: unknown): void => {
            texts.push(JSON.stringify(m));
          };
          for (const name of Object.values(CHANNELS)) subscribe(name, record);
          let call = 0;
          const request: HttpRequest = async (req) => {
            const path = new URL(req.url).pathname;
            if (path === '/latest/api/token') return { status: 200, headers: {}, body: 'imds-token' };
            if (path.endsWith('/security-credentials-extended/'))
              return { status: 200, headers: {}, body: 'role' };
            const r = path.startsWith('/creds')
              ? input.containerReply
              : (input.replies[call++ % 3] ?? { kind: 'valid' });
            const m = path.startsWith('/creds') ? input.container : input.imds;
            return { headers: {}, ...body(m, r, time.now()) };
          };
          const provider = createInstanceRoleProvider(
            {
              staticKeys: input.policy,
              logger,
              clock: time,
              scheduler: time,
              random: () => 0,
              imds: { maxAttempts: 1 },
              env: {
                AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://169.254.169.254',
                ...(input.useContainer
                  ? { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds' }
                  : {}),
                AWS_ACCESS_KEY_ID: input.env.accessKeyId,
                AWS_SECRET_ACCESS_KEY: input.env.secretAccessKey,
                ...(input.env.sessionToken === undefined
                  ? {}
                  : { AWS_SESSION_TOKEN: input.env.sessionToken }),
                AWS_CONFIG_FILE: '/nonexistent/config',
                AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
              },
            },
            { request, readFile: async () => undefined, sleep: async () => {} },
          );
          const collect = (e: unknown): void => {
            const error = e as Error & { attempts?: { error?: Error }[] };
            texts.push(error.message, String(error), JSON.stringify(error));
            for (const a of error.attempts ?? [])
              if (a.error) texts.push(a.error.message, JSON.stringify(a.error));
          };
          try {
            await provider().catch(collect);
            time.jump(5 * 3_600_000 + 59 * 60_000 + 30_000);
            await provider().catch(collect);
            provider.invalidate();
            await provider().catch(collect);
            texts.push(JSON.stringify(provider) ?? '', ...logger.lines.map((l) => l.text));
          } finally {
            provider.close();
            for (const name of Object.values(CHANNELS)) unsubscribe(name, record);
          }
          const all = texts.join('\n');
          for (const s of [input.imds, input.container]) {
            expect(all).not.toContain(s.secretAccessKey);
            expect(all).not.toContain(s.sessionToken);
            expect(all).not.toContain(s.accessKeyId);
          }
          expect(all).not.toContain(input.env.secretAccessKey);
          expect(all).not.toContain(input.env.accessKeyId);
          if (input.env.sessionToken !== undefined) expect(all).not.toContain(input.env.sessionToken);
        },
      ),
      { numRuns: 300 },
    );
  });
});
