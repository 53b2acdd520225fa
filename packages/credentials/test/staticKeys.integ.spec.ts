import { type Emulator, startEmulator } from '@keyless/emulator';
import { fakeAccessKeyId, fakeSecretAccessKey, recordingLogger } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialsChainError,
  type FromInstanceRoleInit,
  fromInstanceRole,
  type InstanceRoleProvider,
  type StaticKeysPolicy,
} from '../src/index.js';
import { FakeTime } from './support/FakeTime.js';
import { recordEvents } from './support/recordEvents.js';
import { refreshesSettled } from './support/refreshesSettled.js';
import { tempFiles } from './support/tempFiles.js';

describe('static keys: warn, deny, allow', () => {
  let emu: Emulator;
  let time: FakeTime;
  let files: ReturnType<typeof tempFiles>;
  let env: Record<string, string>;
  let accessKeyId: string;
  let secretAccessKey: string;
  const providers: InstanceRoleProvider[] = [];
  const random = (): number => 0.5;
  const provider = (staticKeys: StaticKeysPolicy, init: FromInstanceRoleInit = {}): InstanceRoleProvider => {
    const p = fromInstanceRole({ staticKeys, env, clock: time, scheduler: time, random, ...init });
    providers.push(p);
    return p;
  };

  beforeEach(async () => {
    time = new FakeTime(undefined, refreshesSettled());
    emu = await startEmulator({ clock: time });
    files = tempFiles();
    accessKeyId = fakeAccessKeyId();
    secretAccessKey = fakeSecretAccessKey();
    // IMDS, the one role source that fails open (to the long-lived keys), is there and fails; the
    // others are not configured.
    emu.fault({ type: 'imds-disabled' });
    env = {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_CONFIG_FILE: files.write('config', ''),
      AWS_SHARED_CREDENTIALS_FILE: files.write('credentials', ''),
    };
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await emu.stop();
    files.cleanup();
  });

  const masked = (): string => `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;

  it("warn: uses the keys and logs exactly one warning with the masked key and each role source's failure", async () => {
    const logger = recordingLogger();
    const recorder = recordEvents();
    try {
      const many = Array.from({ length: 10 }, () => provider('warn', { logger }));
      const results = await Promise.all(many.flatMap((p) => [p(), p(), p()]));
      expect(new Set(results.map((r) => `${r.source} ${r.accessKeyId}`))).toEqual(
        new Set([`env ${accessKeyId}`]),
      );
      const warnings = logger.at('warn');
      expect(warnings).toHaveLength(1);
      const [message, details] = warnings[0]?.args ?? [];
      expect(message).toContain(`using long-lived AWS keys from env (${masked()})`);
      expect(message).toMatch(/container skipped \(AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/);
      expect(message).toMatch(/imds failed \(imds: .*403/);
      expect(details).toMatchObject({ source: 'env', accessKeyId: masked() });
      expect(logger.lines.map((l) => l.text).join('\n')).not.toContain(accessKeyId);
      expect(logger.lines.map((l) => l.text).join('\n')).not.toContain(secretAccessKey);
      const fallbacks = recorder.events.filter((e) => e.channel === 'fallback');
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]?.message).toMatchObject({ source: 'env', accessKeyId: masked() });
    } finally {
      recorder.stop();
    }
  });

  it('warn: goes back to the role once it works, and says so', async () => {
    const logger = recordingLogger();
    const p = provider('warn', { logger });
    expect((await p()).source).toBe('env');
    emu.clearFaults();
    await time.advance(15 * 60_000);
    const creds = await p();
    // IMDS is back.
    expect(creds.source).toBe('imds');
    expect(creds.accessKeyId).toBe(emu.current().accessKeyId);
    expect(logger.at('info').map((l) => l.text)).toContain(
      '[keyless] credentials now come from imds (were env)',
    );
    expect(logger.at('warn')).toHaveLength(1);
  });

  it('once a role source has worked, refreshes stay on it and never switch to the static keys', async () => {
    // The design rule: a host whose role breaks keeps (and then fails with) the role's credentials
    // instead of silently becoming the principal of the long-lived keys next to it.
    emu.clearFaults();
    const logger = recordingLogger();
    const p = provider('allow', { logger });
    const first = await p();
    expect(first.source).toBe('imds');
    emu.fault({ type: 'imds-disabled' });
    const before = emu.requests().length;
    // A forced refresh and then one past the set's expiry (6 h), while IMDS refuses every call.
    const forced = await p({ forceRefresh: true }).catch((e: unknown) => e);
    await time.advance(7 * 3_600_000);
    const late = await p().catch((e: unknown) => e);
    for (const outcome of [forced, late]) {
      if (outcome instanceof Error) expect(outcome.message).not.toContain(accessKeyId);
      else expect(outcome).toMatchObject({ source: 'imds', accessKeyId: first.accessKeyId });
    }
    // The refreshes did ask (IMDS refused them); the cache kept the role's set rather than the keys.
    expect(emu.requests().length).toBeGreaterThan(before);
    expect(logger.lines.map((l) => l.text).join('\n')).not.toContain(accessKeyId);
  });

  it('deny: rejects with an error that lists every attempt, and logs no warning', async () => {
    const logger = recordingLogger();
    const error = await provider('deny', { logger })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsChainError);
    const chain = error as CredentialsChainError;
    expect(chain.recoverable).toBe(false);
    expect(chain.attempts.map((a) => `${a.source} ${a.outcome}`)).toEqual([
      'lambda skipped',
      'env-session skipped',
      'profile-chain skipped',
      'container skipped',
      'web-identity skipped',
      'imds failed',
      'hard-coded skipped',
      'env denied',
    ]);
    expect(chain.message).toMatch(
      /^Long-lived AWS keys refused: no role source worked and staticKeys is 'deny'\./,
    );
    expect(chain.message).toContain(`env: denied: found long-lived key ${masked()}; staticKeys is 'deny'`);
    expect(chain.message).not.toContain('Could not load credentials from any providers');
    expect(chain.message).not.toContain(secretAccessKey);
    expect(logger.at('warn')).toEqual([]);
  });

  it('allow: uses the keys silently', async () => {
    const logger = recordingLogger();
    expect((await provider('allow', { logger })()).source).toBe('env');
    expect(logger.at('warn')).toEqual([]);
  });

  it('no static keys either: every attempt and its cause, not a generic message', async () => {
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    const error = (await provider('warn')().catch((e: unknown) => e)) as CredentialsChainError;
    expect(error).toBeInstanceOf(CredentialsChainError);
    expect(error.recoverable).toBe(true);
    expect(error.message.split('\n')).toEqual([
      'No AWS credentials: no role source worked and no static keys were found.',
      '  - lambda: skipped: AWS_LAMBDA_FUNCTION_NAME is not set',
      '  - env-session: skipped: AWS_ACCESS_KEY_ID is not set',
      expect.stringMatching(/^ {2}- profile-chain: skipped: profile "default" has no sso_session/),
      expect.stringMatching(/^ {2}- container: skipped: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/),
      expect.stringMatching(/^ {2}- web-identity: skipped: AWS_WEB_IDENTITY_TOKEN_FILE/),
      expect.stringMatching(/^ {2}- imds: failed after \d+ ms: imds: .*403/),
      '  - hard-coded: skipped: no staticCredentials given',
      '  - env: skipped: AWS_ACCESS_KEY_ID is not set',
      expect.stringMatching(/^ {2}- profile: skipped: profile "default" has no aws_access_key_id/),
      'Attach an IAM role to this workload (instance profile, ECS task role, EKS Pod Identity or IRSA).',
    ]);
  });

  it.each([
    [
      'container',
      () => ({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.endpoints.containerFullUri,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token',
      }),
      /container: \S+ answered 403/,
    ],
    [
      'web-identity',
      () => ({
        AWS_WEB_IDENTITY_TOKEN_FILE: files.write('token', 'eyJhbGciOiJub25lIn0.e30.'),
        AWS_ROLE_ARN: emu.roleArn,
        AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      }),
      /InvalidIdentityToken/,
    ],
  ])(
    'a configured %s that fails never falls back to the long-lived keys, even under warn',
    async (source, vars, cause) => {
      emu.clearFaults();
      Object.assign(env, vars());
      const logger = recordingLogger();
      const error = (await provider('warn', { logger })().catch((e: unknown) => e)) as CredentialsChainError;
      expect(error).toBeInstanceOf(CredentialsChainError);
      expect(error.message).toContain(`${source} is configured here and failed`);
      expect(error.message).toMatch(cause);
      expect(error.attempts.at(-1)).toMatchObject({ source, outcome: 'failed' });
      // Neither the host's instance role (IMDS works again) nor the env keys were used or announced.
      expect(emu.count({ kind: 'imds-credentials' })).toBe(0);
      expect(logger.at('warn')).toEqual([]);
    },
  );
});
