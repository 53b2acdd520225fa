import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { maskAccessKeyId } from '@keyless/redact';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { httpRequest } from '../io/httpRequest.js';
import { readFile } from '../io/readFile.js';
import { sleep } from '../io/sleep.js';
import { DMI_SYS_VENDOR } from '../platform/detectPlatform.js';
import type { Seams } from '../sources/SourceDriver.js';
import type { DiagnoseInit, DoctorProbeId, DoctorReport } from './DoctorReport.js';
import { diagnose, diagnoseWith } from './diagnose.js';

const probe = (report: DoctorReport, id: DoctorProbeId) => report.probes.find((p) => p.id === id);
/** Timers set through `setTimeout` from now on that have neither fired nor been cleared. */
function watchTimers(): () => number {
  const pending = new Set<ReturnType<typeof setTimeout>>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    const timer = realSet(() => {
      pending.delete(timer);
      fn();
    }, ms);
    pending.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((timer) => {
    pending.delete(timer as ReturnType<typeof setTimeout>);
    realClear(timer);
  });
  return () => pending.size;
}
const setting = (report: DoctorReport, name: string) => report.settings.find((s) => s.name === name);

describe(diagnose.name, () => {
  let emu: Emulator;
  let dir: string;
  let baseEnv: Record<string, string>;
  let dmi: Record<string, string>;
  let requests: string[];
  let seams: Seams;
  const run = (env: Record<string, string>, init: DiagnoseInit = {}) =>
    diagnoseWith({ env: { ...baseEnv, ...env }, ...init }, seams);
  const write = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };

  beforeEach(async () => {
    emu = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'keyless-doctor-'));
    // Profile files in the temp dir (absent unless a test writes them), never the real ~/.aws.
    baseEnv = {
      HOME: dir,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    };
    // DMI files are the one input this host cannot provide: "another vendor" unless a test says so,
    // so no test ever reaches for the real link-local IMDS address.
    dmi = { [DMI_SYS_VENDOR]: 'QEMU' };
    requests = [];
    seams = {
      readFile: async (path) => (path in dmi ? dmi[path] : readFile(path)),
      request: (options) => {
        requests.push(`${options.method} ${options.url}`);
        return httpRequest(options);
      },
      sleep,
    };
  });
  afterEach(async () => {
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imds: the token, role and credentials steps, and the endpoint setting from env', async () => {
    const pendingTimers = watchTimers();
    const report = await run({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds });
    // Each source's time bound (5 s by default) is cleared once it answers.
    expect(pendingTimers()).toBe(0);
    const served = emu.current();
    expect(report).toMatchObject({ verdict: 'role', source: 'imds' });
    expect(report.reason).toContain(maskAccessKeyId(served.accessKeyId));
    expect(probe(report, 'imds.token')).toMatchObject({
      outcome: 'ok',
      detail: 'PUT /latest/api/token → 200',
    });
    expect(probe(report, 'imds.role')?.detail).toBe(
      `GET /latest/meta-data/iam/security-credentials-extended/ → 200: role "${served.roleName}"`,
    );
    expect(probe(report, 'imds.credentials')).toMatchObject({ outcome: 'ok' });
    // IMDS sends whole seconds.
    const expiring = new Date(Math.floor(served.expiration.getTime() / 1000) * 1000).toISOString();
    expect(probe(report, 'imds.credentials')?.detail).toContain(`expiring ${expiring}`);
    expect(probe(report, 'imds.platform-hint')?.detail).toContain('not consulted: the IMDS endpoint is set');
    expect(probe(report, 'container.env')).toMatchObject({ outcome: 'skipped' });
    expect(probe(report, 'web-identity.sts')).toMatchObject({ outcome: 'skipped' });
    expect(setting(report, 'imds.endpoint')).toEqual({
      name: 'imds.endpoint',
      value: emu.endpoints.imds,
      origin: 'env',
      from: 'AWS_EC2_METADATA_SERVICE_ENDPOINT',
    });
    expect(setting(report, 'imds.timeoutMs')).toEqual({
      name: 'imds.timeoutMs',
      value: 1000,
      origin: 'default',
    });
    expect(emu.requests().map((r) => r.kind)).toEqual(['imds-token', 'imds-role-list', 'imds-credentials']);
    const json = JSON.stringify(report);
    for (const secret of [served.accessKeyId, served.secretAccessKey, served.sessionToken])
      expect(json).not.toContain(secret);
  });

  it('imds: retries and a refused token show in the step that met them', async () => {
    emu.fault({ type: 'status', status: 503, kind: 'imds-token', times: 1 });
    const retried = await run({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds });
    expect(probe(retried, 'imds.token')?.detail).toBe('PUT /latest/api/token → 503, 200');
    expect(retried.verdict).toBe('role');

    emu.clearFaults();
    emu.fault({ type: 'imds-disabled' });
    const refused = await run({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds });
    expect(refused.verdict).toBe('none');
    expect(probe(refused, 'imds.token')?.outcome).toBe('failed');
    expect(probe(refused, 'imds.token')?.detail).toMatch(
      /^PUT \/latest\/api\/token → 403: .*IMDSv1 fallback is off/,
    );
    expect(probe(refused, 'imds.role')).toMatchObject({ outcome: 'skipped', detail: 'not reached' });
    expect(probe(refused, 'imds.credentials')).toMatchObject({ outcome: 'skipped', detail: 'not reached' });
  });

  it('container: the full URI with its token, which is shown only by its length', async () => {
    const token = emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '';
    const report = await run({ ...emu.env });
    expect(report).toMatchObject({ verdict: 'role', source: 'container' });
    expect(probe(report, 'container.env')?.detail).toBe(
      `AWS_CONTAINER_CREDENTIALS_FULL_URI=${emu.endpoints.containerFullUri}; ` +
        `AWS_CONTAINER_AUTHORIZATION_TOKEN set (${token.length} chars)`,
    );
    expect(probe(report, 'container.endpoint')?.detail).toMatch(
      new RegExp(`^GET ${emu.endpoints.containerFullUri} → 200: temporary credentials `),
    );
    // IMDS is configured too and works; the report still names the container, the chain's first.
    expect(report.sources.map((s) => `${s.source} ${s.outcome}`)).toEqual([
      'lambda skipped',
      'env-session skipped',
      'profile-chain skipped',
      'container ok',
      'web-identity skipped',
      'imds ok',
    ]);
    expect(JSON.stringify(report)).not.toContain(token);
  });

  it('container: a wrong token fails it, and the chain stops there although IMDS works', async () => {
    const report = await run({ ...emu.env, AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token' });
    expect(probe(report, 'container.endpoint')).toMatchObject({ outcome: 'failed' });
    expect(probe(report, 'container.endpoint')?.detail).toContain('answered 403');
    expect(report.sources.find((s) => s.source === 'imds')?.outcome).toBe('ok');
    expect(report).toMatchObject({ verdict: 'failed', source: 'container', kind: null });
    expect(report.reason).toMatch(/^container is configured here and failed, so the chain stops/);
  });

  it('container: the ECS relative URI is asked at 169.254.170.2 (routed to the emulator here)', async () => {
    const emulatorHost = new URL(emu.url).host;
    seams.request = (options) => {
      const url = new URL(options.url);
      if (url.host === '169.254.170.2') url.host = emulatorHost;
      return httpRequest({ ...options, url: url.href });
    };
    const report = await run({
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: emu.endpoints.containerRelativeUri,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(report).toMatchObject({ verdict: 'role', source: 'container' });
    expect(probe(report, 'container.endpoint')?.detail).toMatch(
      new RegExp(`^GET http://169\\.254\\.170\\.2${emu.endpoints.containerRelativeUri} → 200`),
    );
    expect(emu.requests()).toMatchObject([{ kind: 'container', path: emu.endpoints.containerRelativeUri }]);
    expect(probe(report, 'imds.token')?.detail).toBe('not asked: AWS_EC2_METADATA_DISABLED is set');
  });

  it('web identity: the token file (length only) and AssumeRoleWithWebIdentity at the emulator STS', async () => {
    const tokenFile = write('token', emu.webIdentityToken);
    const report = await run({
      AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile,
      AWS_ROLE_ARN: emu.roleArn,
      AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(report).toMatchObject({ verdict: 'role', source: 'web-identity' });
    expect(probe(report, 'web-identity.token-file')).toMatchObject({
      outcome: 'ok',
      detail: `${tokenFile} (${emu.webIdentityToken.length} chars)`,
    });
    expect(probe(report, 'web-identity.sts')?.detail).toContain(
      `AssumeRoleWithWebIdentity for ${emu.roleArn} at ${emu.endpoints.sts}`,
    );
    expect(emu.count({ kind: 'sts', action: 'AssumeRoleWithWebIdentity' })).toBe(1);
    const issued = emu.issued().at(-1);
    expect(report.sources.find((s) => s.source === 'web-identity')).toMatchObject({
      accessKeyId: maskAccessKeyId(issued?.accessKeyId ?? ''),
      kind: 'role',
    });
    const json = JSON.stringify(report);
    for (const secret of [emu.webIdentityToken, issued?.secretAccessKey, issued?.sessionToken])
      expect(json).not.toContain(secret);
  });

  it('web identity from the profile: settings name the profile keys, a rejected token fails the STS probe', async () => {
    const tokenFile = write('token', 'eyJhbGciOiJub25lIn0.e30.');
    write('config', `[profile ci]\nweb_identity_token_file = ${tokenFile}\nrole_arn = ${emu.roleArn}\n`);
    const report = await run(
      { AWS_PROFILE: 'ci', AWS_ENDPOINT_URL_STS: emu.endpoints.sts, AWS_EC2_METADATA_DISABLED: 'true' },
      { sources: ['web-identity', 'imds'] },
    );
    expect(setting(report, 'profile')).toMatchObject({ value: 'ci', origin: 'env', from: 'AWS_PROFILE' });
    expect(setting(report, 'webIdentity.tokenFile')).toMatchObject({
      value: tokenFile,
      origin: 'profile',
      from: 'web_identity_token_file in profile "ci"',
    });
    expect(setting(report, 'sources')).toMatchObject({ value: 'web-identity, imds', origin: 'init' });
    expect(probe(report, 'container.env')).toMatchObject({
      outcome: 'skipped',
      detail: 'not in the sources option',
    });
    expect(probe(report, 'web-identity.sts')).toMatchObject({ outcome: 'failed' });
    expect(probe(report, 'web-identity.sts')?.detail).toContain('InvalidIdentityToken');
    expect(report).toMatchObject({ verdict: 'failed', source: 'web-identity' });
  });

  it('off EC2: the platform hint skips IMDS without a single request, and nothing found is a report', async () => {
    dmi = { [DMI_SYS_VENDOR]: 'LENOVO' };
    const report = await run({});
    expect(report.verdict).toBe('none');
    expect(report.source).toBeNull();
    expect(probe(report, 'imds.platform-hint')).toMatchObject({
      outcome: 'failed',
      detail: 'not an EC2 instance (sys_vendor "LENOVO")',
    });
    expect(probe(report, 'imds.token')?.detail).toMatch(/^not asked: not an EC2 instance/);
    expect(requests).toEqual([]);
    expect(setting(report, 'imds.endpoint')).toEqual({
      name: 'imds.endpoint',
      value: 'http://169.254.169.254',
      origin: 'default',
    });
  });

  it('a hung IMDS is cut off at the time bound', async () => {
    emu.fault({ type: 'hang', kind: 'imds-token' });
    const started = performance.now();
    // On its own the IMDS client would wait 3 x 10 s here.
    const report = await run(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds },
      { timeoutMs: 300, imds: { timeoutMs: 10_000 } },
    );
    expect(performance.now() - started).toBeLessThan(8000);
    expect(probe(report, 'imds.token')).toMatchObject({ outcome: 'timeout' });
    expect(probe(report, 'imds.token')?.detail).toBe(
      "PUT /latest/api/token → no answer: gave up after 300 ms (the doctor's time bound)",
    );
    expect(probe(report, 'imds.role')).toMatchObject({ outcome: 'skipped', detail: 'not reached' });
    expect(report.verdict).toBe('none');
  });

  it('a container endpoint that accepts and never answers, and a hung STS, are bounded too', async () => {
    const sockets = new Set<Socket>();
    const blackhole: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const { port } = blackhole.address() as { port: number };
    emu.fault({ type: 'hang', kind: 'sts' });
    try {
      const started = performance.now();
      const report = await run(
        {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${port}/creds`,
          AWS_WEB_IDENTITY_TOKEN_FILE: write('token', emu.webIdentityToken),
          AWS_ROLE_ARN: emu.roleArn,
          AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
        { timeoutMs: 300 },
      );
      expect(performance.now() - started).toBeLessThan(8000);
      expect(probe(report, 'container.endpoint')).toMatchObject({ outcome: 'timeout' });
      expect(probe(report, 'container.endpoint')?.detail).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/creds → /);
      expect(probe(report, 'web-identity.sts')).toMatchObject({ outcome: 'timeout' });
      expect(report).toMatchObject({ verdict: 'failed', source: 'container' });
      expect(report.reason).toMatch(/^container is configured here and timed out/);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => blackhole.close(resolve));
    }
  });

  it('static keys only: found in env and profile, masked, never the secret', async () => {
    const envKey = { id: fakeAccessKeyId(), secret: fakeSecretAccessKey() };
    const profileKey = {
      id: fakeAccessKeyId('ASIA'),
      secret: fakeSecretAccessKey(),
      token: fakeSecretAccessKey(),
    };
    write(
      'credentials',
      `[default]\naws_access_key_id = ${profileKey.id}\naws_secret_access_key = ${profileKey.secret}\n` +
        `aws_session_token = ${profileKey.token}\n`,
    );
    const report = await run({
      AWS_ACCESS_KEY_ID: envKey.id,
      AWS_SECRET_ACCESS_KEY: envKey.secret,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(report).toMatchObject({ verdict: 'static', source: 'env' });
    expect(report.reason).toContain(
      `long-lived keys from env (${maskAccessKeyId(envKey.id)}) would be used, with a warning,`,
    );
    expect(report.staticKeys).toEqual([
      { source: 'hard-coded', found: false, detail: 'no staticCredentials given' },
      {
        source: 'env',
        found: true,
        accessKeyId: maskAccessKeyId(envKey.id),
        temporary: false,
        detail: 'AWS_ACCESS_KEY_ID',
      },
      expect.objectContaining({
        source: 'profile',
        found: true,
        accessKeyId: maskAccessKeyId(profileKey.id),
        temporary: true,
      }),
    ]);
    expect(report.kind).toBe('long-lived');
    // The profile's keys carry a session token: a session, nothing to warn about.
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain(maskAccessKeyId(envKey.id));
    const json = JSON.stringify(report);
    for (const secret of [envKey.id, envKey.secret, profileKey.id, profileKey.secret, profileKey.token])
      expect(json).not.toContain(secret);
  });

  it("static keys under staticKeys: 'deny' are refused, and half a key pair is a warning", async () => {
    const id = fakeAccessKeyId();
    write(
      'credentials',
      `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${fakeSecretAccessKey()}\n`,
    );
    const report = await run(
      { AWS_ACCESS_KEY_ID: fakeAccessKeyId(), AWS_EC2_METADATA_DISABLED: 'true' },
      { staticKeys: 'deny' },
    );
    expect(report).toMatchObject({ verdict: 'denied', source: 'profile' });
    expect(report.reason).toContain("would be refused because staticKeys is 'deny'");
    expect(report.warnings).toContain(
      'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: half a key pair, ignored',
    );
    expect(setting(report, 'staticKeys')).toMatchObject({
      value: 'deny',
      origin: 'init',
      from: 'staticKeys',
    });
  });

  it('settings: init beats env beats profile, and the profile endpoint is the one asked', async () => {
    write('config', `[default]\nec2_metadata_service_endpoint = ${emu.endpoints.imds}\nregion = eu-west-1\n`);
    const fromProfile = await run({});
    expect(fromProfile.verdict).toBe('role');
    expect(setting(fromProfile, 'imds.endpoint')).toMatchObject({
      origin: 'profile',
      from: 'ec2_metadata_service_endpoint in profile "default"',
    });
    expect(setting(fromProfile, 'region')).toMatchObject({ value: 'eu-west-1', origin: 'profile' });
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);

    const fromInit = await run(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9', AWS_REGION: 'ap-south-1' },
      { imds: { endpoint: emu.endpoints.imds } },
    );
    expect(setting(fromInit, 'imds.endpoint')).toEqual({
      name: 'imds.endpoint',
      value: emu.endpoints.imds,
      origin: 'init',
      from: 'imds.endpoint',
    });
    expect(setting(fromInit, 'region')).toMatchObject({
      value: 'ap-south-1',
      origin: 'env',
      from: 'AWS_REGION',
    });
    expect(fromInit.verdict).toBe('role');
  });

  it('durations come from the injected clock', async () => {
    emu.fault({ type: 'latency', ms: 150, kind: 'imds-token' });
    const frozen = await run(
      { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds },
      { clock: { now: () => 0 } },
    );
    expect(frozen.probes.map((p) => p.durationMs)).toEqual(frozen.probes.map(() => 0));
    const real = await run({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds });
    expect(probe(real, 'imds.token')?.durationMs).toBeGreaterThanOrEqual(150);
  });

  it('a bad env value is a misconfigured report, a bad option a TypeError', async () => {
    const report = await run({ AWS_EC2_METADATA_DISABLED: 'yes' });
    expect(report.verdict).toBe('misconfigured');
    expect(report.reason).toContain('AWS_EC2_METADATA_DISABLED must be "true" or "false"');
    expect(() => diagnose({ timeoutMs: 0 })).toThrow(TypeError);
    expect(() => diagnose(null as unknown as DiagnoseInit)).toThrow(/init must be an object/);
    expect(() => diagnose({ sources: ['nope' as 'imds'] })).toThrow(TypeError);
    expect(() => diagnose({ imds: { endpoint: 'ftp://x' } })).toThrow(/imds\.endpoint must be an http/);
  });
});
