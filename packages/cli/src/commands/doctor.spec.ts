import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { fakeAccessKeyId, fakeSecretAccessKey, masked, tempDir } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { main } from '../main.js';

describe('keyless doctor', () => {
  let emu: Emulator;
  let dir: string;
  let cleanup: () => Promise<void>;
  let baseEnv: Record<string, string>;

  beforeEach(async () => {
    emu = await startEmulator();
    ({ dir, cleanup } = await tempDir());
    // Profile files in the temp dir, never the real ~/.aws. Every test names its IMDS endpoint or
    // disables IMDS, so none reaches for the link-local address of the host running it.
    baseEnv = {
      HOME: dir,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    };
  });
  afterEach(async () => {
    await emu.stop();
    await cleanup();
  });

  async function doctor(args: string[], env: Record<string, string> = {}) {
    const c = captureIo(dir, { ...baseEnv, ...env });
    const code = await main(['doctor', ...args], c.io);
    return { code, out: c.out(), err: c.err() };
  }

  it('IMDS from --imds-endpoint: exit 0, a line per step with its duration, the endpoint from the option', async () => {
    const { code, out, err } = await doctor(['--imds-endpoint', emu.endpoints.imds]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^✓ keyless doctor: a role source would be used\n {2}imds would be used: temporary credentials /,
    );
    expect(out).toMatch(/\n {2}✓ IMDS token +\d+ ms {2}PUT \/latest\/api\/token → 200\n/);
    expect(out).toMatch(/\n {2}✓ IMDS role +\d+ ms {2}GET \S+ → 200: role "keyless-emulator-role"\n/);
    expect(out).toMatch(/\n {2}– container env +\d+ ms {2}AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and /);
    expect(out).toMatch(new RegExp(`\\n {2}imds\\.endpoint +${emu.endpoints.imds} +init imds\\.endpoint\\n`));
    expect(out).toContain(masked(emu.current().accessKeyId));
    expect(out).not.toContain(emu.current().secretAccessKey);
    expect(out).not.toContain(emu.current().accessKeyId);
  });

  it('the container endpoint from the env the emulator prints: exit 0, token never shown', async () => {
    const { code, out } = await doctor([], { ...emu.env });
    expect(code).toBe(0);
    expect(out).toContain('container would be used');
    expect(out).toMatch(
      new RegExp(`✓ container endpoint +\\d+ ms {2}GET ${emu.endpoints.containerFullUri} → 200`),
    );
    expect(out).not.toContain(emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
  });

  it('web identity from a token file and the emulator STS: exit 0', async () => {
    const tokenFile = join(dir, 'token');
    await writeFile(tokenFile, emu.webIdentityToken);
    const { code, out } = await doctor([], {
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: emu.roleArn,
      AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(code).toBe(0);
    expect(out).toContain('web-identity would be used');
    expect(out).toMatch(/✓ web identity token file +\d+ ms/);
    expect(out).toMatch(/✓ web identity STS +\d+ ms {2}AssumeRoleWithWebIdentity for arn:aws:iam::/);
    expect(out).not.toContain(emu.webIdentityToken);
    expect(emu.count({ kind: 'sts', action: 'AssumeRoleWithWebIdentity' })).toBe(1);
  });

  it('a blackholed IMDS is cut off at --timeout: exit 1, the step marked ✗ with the bound', async () => {
    emu.fault({ type: 'hang', kind: 'imds-token' });
    const started = performance.now();
    const { code, out } = await doctor(['--imds-endpoint', emu.endpoints.imds, '--timeout', '300ms']);
    expect(performance.now() - started).toBeLessThan(8000);
    expect(code).toBe(1);
    expect(out).toMatch(/^✗ keyless doctor: no credentials would be found\n/);
    expect(out).toMatch(/✗ IMDS token +\d+ ms {2}PUT \/latest\/api\/token → no answer: gave up after 300 ms/);
    expect(out).toMatch(/– IMDS role +0 ms {2}not reached/);
  });

  it('static keys only: exit 1, the key id masked, the secret never printed (human and JSON)', async () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    const env = { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_EC2_METADATA_DISABLED: 'true' };
    const human = await doctor([], env);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/^✗ keyless doctor: only static keys would be used\n/);
    expect(human.out).toContain(`! env        ${masked(id)} in AWS_ACCESS_KEY_ID`);
    expect(human.out).toMatch(/Warnings\n {2}! long-lived AWS keys \(AKIA…\w{4}\) in AWS_ACCESS_KEY_ID/);
    const json = await doctor(['--json'], env);
    expect(json.code).toBe(1);
    for (const out of [human.out, json.out]) {
      expect(out).not.toContain(id);
      expect(out).not.toContain(secret);
    }
    expect(JSON.parse(json.out)).toMatchObject({
      verdict: 'static',
      source: 'env',
      staticKeys: expect.arrayContaining([
        {
          source: 'env',
          found: true,
          accessKeyId: masked(id),
          temporary: false,
          detail: 'AWS_ACCESS_KEY_ID',
        },
      ]),
    });
  });

  it('a Lambda-style env session: exit 0, runtime lambda, kind role, no warning about the keys', async () => {
    const id = fakeAccessKeyId('ASIA');
    const env = {
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_ACCESS_KEY_ID: id,
      AWS_SECRET_ACCESS_KEY: fakeSecretAccessKey(),
      AWS_SESSION_TOKEN: fakeSecretAccessKey() + fakeSecretAccessKey(),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const json = await doctor(['--json'], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({
      verdict: 'role',
      source: 'lambda',
      kind: 'role',
      runtime: { name: 'lambda' },
      warnings: [],
    });
    const human = await doctor([], env);
    expect(human.out).toMatch(/^✓ keyless doctor: a role source would be used\n/);
    expect(human.out).toContain('runtime: lambda (AWS_LAMBDA_FUNCTION_NAME=orders)');
    expect(human.out).not.toContain(id);
  });

  it('--json: the whole report, machine-readable', async () => {
    const { code, out } = await doctor(['--json', '--imds-endpoint', emu.endpoints.imds]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(
      [
        'durationMs',
        'kind',
        'probes',
        'reason',
        'runtime',
        'settings',
        'source',
        'sources',
        'staticKeys',
        'verdict',
        'warnings',
      ].sort(),
    );
    expect(report).toMatchObject({
      verdict: 'role',
      source: 'imds',
      kind: 'role',
      runtime: { name: expect.any(String), evidence: expect.any(String) },
      durationMs: expect.any(Number),
    });
    expect((report.probes as { id: string }[]).map((p) => p.id)).toEqual([
      'lambda.env',
      'env-session.env',
      'profile-chain.profile',
      'container.env',
      'container.endpoint',
      'web-identity.token-file',
      'web-identity.sts',
      'imds.platform-hint',
      'imds.token',
      'imds.role',
      'imds.credentials',
    ]);
    for (const p of report.probes as Record<string, unknown>[])
      expect(p).toEqual({
        id: expect.any(String),
        source: expect.stringMatching(/^(lambda|env-session|profile-chain|container|web-identity|imds)$/),
        outcome: expect.stringMatching(/^(ok|failed|timeout|skipped|inconclusive)$/),
        detail: expect.any(String),
        durationMs: expect.any(Number),
      });
    expect(report.sources).toMatchObject([
      { source: 'lambda', outcome: 'skipped' },
      { source: 'env-session', outcome: 'skipped' },
      { source: 'profile-chain', outcome: 'skipped' },
      { source: 'container', outcome: 'skipped' },
      { source: 'web-identity', outcome: 'skipped' },
      {
        source: 'imds',
        outcome: 'ok',
        accessKeyId: masked(emu.current().accessKeyId),
        expiration: expect.any(String),
      },
    ]);
    expect(report.settings).toContainEqual({ name: 'staticKeys', value: 'warn', origin: 'default' });
  });

  it('--profile picks the profile whose settings are used', async () => {
    await writeFile(
      join(dir, 'config'),
      `[profile lab]\nec2_metadata_service_endpoint = ${emu.endpoints.imds}\n`,
    );
    const { code, out } = await doctor(['--profile', 'lab', '--json']);
    expect(code).toBe(0);
    const { settings } = JSON.parse(out) as { settings: { name: string }[] };
    expect(settings).toContainEqual({ name: 'profile', value: 'lab', origin: 'init', from: 'profile' });
    expect(settings).toContainEqual({
      name: 'imds.endpoint',
      value: emu.endpoints.imds,
      origin: 'profile',
      from: 'ec2_metadata_service_endpoint in profile "lab"',
    });
  });

  it('a setting it cannot read is exit 1 with the reason', async () => {
    const { code, out } = await doctor([], { AWS_EC2_METADATA_DISABLED: 'maybe' });
    expect(code).toBe(1);
    expect(out).toMatch(
      /^✗ keyless doctor: the configuration cannot be read\n {2}configuration error: .*AWS_EC2_METADATA_DISABLED/,
    );
  });

  it('prints its help', async () => {
    const { code, out } = await doctor(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: keyless doctor');
    expect(out).toContain('--imds-endpoint <url>');
  });

  it.each([
    [['--bogus']],
    [['positional']],
    [['--timeout', 'soon']],
    [['--timeout', '0']],
    [['--imds-endpoint', 'ftp://169.254.169.254']],
    [['--profile', '']],
  ])('exits 2 with a message on %j', async (argv) => {
    const { code, out, err } = await doctor(argv);
    expect(code).toBe(2);
    expect(err).toMatch(/^keyless doctor: \S/);
    expect(out).toBe('');
  });
});
