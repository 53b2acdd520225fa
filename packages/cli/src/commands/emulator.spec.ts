import { request } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { runEmulator } from './emulator.js';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  let stop: () => void = () => {};
  const untilSignal = new Promise<void>((resolve) => (stop = resolve));
  return {
    io: { stdout, stderr, cwd: process.cwd(), env: {}, untilSignal },
    out: () => out,
    err: () => err,
    stop: () => stop(),
  };
}

/** Waits (up to 10 s, for a loaded machine) until the command has printed its export lines, which come all at once. */
async function exportsOf(c: ReturnType<typeof capture>): Promise<Record<string, string>> {
  for (let i = 0; i < 1000 && !c.err().includes('serving on'); i++)
    await new Promise((r) => setTimeout(r, 10));
  const env: Record<string, string> = {};
  for (const line of c.out().trim().split('\n')) {
    const m = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
    expect(m, `not an export line: ${line}`).not.toBeNull();
    env[m?.[1] ?? ''] = m?.[2] ?? '';
  }
  return env;
}

describe(runEmulator.name, () => {
  it('prints working export lines for IMDS, the container endpoint and STS, then stops on the signal', async () => {
    const c = capture();
    const done = runEmulator([], c.io);
    const env = await exportsOf(c);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'AWS_EC2_METADATA_SERVICE_ENDPOINT',
        'AWS_CONTAINER_CREDENTIALS_FULL_URI',
        'AWS_CONTAINER_AUTHORIZATION_TOKEN',
        'AWS_ENDPOINT_URL_STS',
      ]),
    );
    const imds = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    const tokenRes = await fetch(`${imds}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' },
    });
    const token = await tokenRes.text();
    const role = await (
      await fetch(`${imds}/latest/meta-data/iam/security-credentials/`, {
        headers: { 'x-aws-ec2-metadata-token': token },
      })
    ).text();
    expect(role).toBe('keyless-emulator-role');
    const fromImds = (await (
      await fetch(`${imds}/latest/meta-data/iam/security-credentials/${role}`, {
        headers: { 'x-aws-ec2-metadata-token': token },
      })
    ).json()) as Record<string, string>;
    const container = await fetch(env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '', {
      headers: { authorization: env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '' },
    });
    expect(container.status).toBe(200);
    expect(((await container.json()) as Record<string, string>).AccessKeyId).toBe(fromImds.AccessKeyId);
    const sts = await fetch(env.AWS_ENDPOINT_URL_STS ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(sts.status).toBe(403);
    expect(await sts.text()).toContain('<Code>MissingAuthenticationToken</Code>');
    c.stop();
    expect(await done).toBe(0);
    expect(c.err()).toContain('stopped');
    await expect(fetch(`${imds}/latest/api/token`, { method: 'PUT' })).rejects.toThrow();
  });

  it('applies --host, --port, --role, --v1, --lifetime and --fault', async () => {
    const c = capture();
    const done = runEmulator(
      [
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        '--role',
        'cli-role',
        '--v1',
        '--lifetime',
        '30m',
        '--fault',
        'status=503,kind=imds-other,times=1',
      ],
      c.io,
    );
    const imds = (await exportsOf(c)).AWS_EC2_METADATA_SERVICE_ENDPOINT;
    expect(imds).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect((await fetch(`${imds}/latest/meta-data/instance-id`)).status).toBe(503);
    expect(await (await fetch(`${imds}/latest/meta-data/iam/security-credentials/`)).text()).toBe('cli-role');
    const creds = (await (
      await fetch(`${imds}/latest/meta-data/iam/security-credentials/cli-role`)
    ).json()) as Record<string, string>;
    const lifetime = Date.parse(creds.Expiration ?? '') - Date.parse(creds.LastUpdated ?? '');
    expect(lifetime).toBe(30 * 60_000);
    c.stop();
    expect(await done).toBe(0);
  });

  it('with --host 0.0.0.0 exports loopback URLs, and --allow-host lets a service name through the Host check', async () => {
    const c = capture();
    const done = runEmulator(['--host', '0.0.0.0', '--allow-host', 'emulator'], c.io);
    const env = await exportsOf(c);
    const fullUri = new URL(env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '');
    expect(fullUri.hostname).toBe('127.0.0.1');
    const withHost = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: fullUri.port,
            path: fullUri.pathname,
            headers: { host, authorization: env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '' },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await withHost(`emulator:${fullUri.port}`)).toBe(200);
    expect(await withHost(`attacker.example:${fullUri.port}`)).toBe(403);
    c.stop();
    expect(await done).toBe(0);
  });

  it('is registered as `keyless emulator` and prints its help', async () => {
    const c = capture();
    expect(await main(['emulator', '--help'], c.io)).toBe(0);
    expect(c.out()).toContain('Usage: keyless emulator');
    expect(c.out()).toContain('--fault <spec>');
  });

  it.each([
    [['--port', 'http']],
    [['--lifetime', 'soon']],
    [['--fault', 'explode']],
    [['--fault', 'status']],
    [['--role', 'bad role name']],
    [['--allow-host', 'Not A Host']],
    [['--bogus']],
    [['positional']],
  ])('exits 2 with a message on %j', async (argv) => {
    const c = capture();
    expect(await runEmulator(argv, c.io)).toBe(2);
    expect(c.err()).toMatch(/^keyless emulator: \S/);
    expect(c.out()).toBe('');
  });
});
