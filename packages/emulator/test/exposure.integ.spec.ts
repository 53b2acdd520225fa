import { request } from 'node:http';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';

let emu: Emulator | undefined;

afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

async function start(options: EmulatorOptions = {}): Promise<Emulator> {
  emu = await startEmulator(options);
  return emu;
}

/** A GET to the emulator on loopback with a chosen `Host` header, as a DNS-rebinding page would send. */
function get(
  target: Emulator,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const { port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bound to every interface', () => {
  it('prints a FULL_URI on loopback that the SDK container provider accepts and can call', async () => {
    const e = await start({ host: '0.0.0.0' });
    const fullUri = new URL(e.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '');
    expect(fullUri.hostname).toBe('127.0.0.1');
    expect(e.url).toBe(`http://127.0.0.1:${fullUri.port}`);
    const creds = await fromHttp({
      awsContainerCredentialsFullUri: fullUri.href,
      awsContainerAuthorizationToken: e.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
    })();
    expect(creds.accessKeyId).toBe(e.current().accessKeyId);
  });

  it('names [::1] when bound to ::', async () => {
    const e = await start({ host: '::' });
    expect(new URL(e.endpoints.containerFullUri).hostname).toBe('[::1]');
    expect((await fetch(`${e.url}/latest/api/token`, { method: 'PUT', headers: TTL })).status).toBe(200);
  });
});

const TTL = { 'x-aws-ec2-metadata-token-ttl-seconds': '60' };

describe('Host header check against DNS rebinding', () => {
  it('answers 403 and no credentials to an IMDSv1 read under a foreign host name', async () => {
    const e = await start({ allowV1: true });
    const path = `/latest/meta-data/iam/security-credentials/${e.current().roleName}`;
    const { port } = new URL(e.url);
    const rebound = await get(e, path, { host: `attacker.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain(e.current().accessKeyId);
    expect(rebound.body).toContain('allowedHosts');
    expect(e.requests({ kind: 'imds-credentials' })).toMatchObject([{ status: 403 }]);
    // The same read from a client that dialled loopback by address or name works.
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const ok = await get(e, path, { host });
      expect(ok.status).toBe(200);
      expect(ok.body).toContain(e.current().accessKeyId);
    }
  });

  it('answers 403 to the container endpoint under a foreign name, even with the right token', async () => {
    const e = await start();
    const res = await get(e, '/v1/credentials', {
      host: 'rebind.attacker.example',
      authorization: e.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
    });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(e.current().secretAccessKey);
  });

  it('accepts the names in allowedHosts, such as a Compose service name', async () => {
    const e = await start({ allowedHosts: ['emulator', '.svc.test'] });
    for (const host of ['emulator:9000', 'imds.svc.test']) {
      expect((await get(e, '/latest/meta-data/', { host })).status).toBe(401);
    }
    expect((await get(e, '/latest/meta-data/', { host: 'emulator2' })).status).toBe(403);
  });

  it('rejects an allowedHosts entry that is not a host name with a TypeError', async () => {
    await expect(startEmulator({ allowedHosts: ['Bad Host'] })).rejects.toThrow(TypeError);
    await expect(startEmulator({ allowedHosts: ['emulator:80'] })).rejects.toThrow(/allowedHosts/);
  });
});

describe('request log budget', () => {
  it('holds requests with 8 KiB paths within requestLogBytes', async () => {
    const maxBytes = 256 * 1024;
    const e = await start({ requestLogBytes: maxBytes });
    const long = 'x'.repeat(8 * 1024);
    for (let i = 0; i < 200; i++) {
      const res = await fetch(`${e.url}/${i}/${long}`);
      await res.arrayBuffer();
    }
    const kept = e.requests();
    // 200 records of 16 KiB strings each would be 3.2 MiB; the budget keeps about 16 of them.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(Math.ceil((maxBytes * 1.1) / (16 * 1024)));
    expect(kept.at(-1)?.path.startsWith('/199/')).toBe(true);
    // 200 sequential requests: on a machine at load 40 they took over 20 s.
  }, 90_000);
});
