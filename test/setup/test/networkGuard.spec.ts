import dns from 'node:dns';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUARD_ERROR_CODE, installNetworkGuard, isLoopbackHost } from '../src/networkGuard.js';

// The shared setup installed the guard already; installing again returns the same one.
const guard = installNetworkGuard();

let server: Server;
let port: number;

beforeEach(async () => {
  server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as net.AddressInfo).port;
});

afterEach(() => {
  server.close();
});

/** Connects and resolves with the error code, or `connected`. */
function connectCode(options: net.NetConnectOpts | number): Promise<string> {
  return new Promise((resolve) => {
    const socket = typeof options === 'number' ? net.connect(options) : net.connect(options);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** A `lookup` that answers every name with one IPv4 address, in both of its calling forms. */
function mapTo(address: string): net.LookupFunction {
  return (_name, options, callback) =>
    options.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4);
}

describe(installNetworkGuard.name, () => {
  it('stops a TCP connection to a non-loopback address with an error, and records it', async () => {
    expect(await connectCode({ host: '10.0.0.1', port: 80 })).toBe(GUARD_ERROR_CODE);
    expect(await connectCode({ host: 'fd00:ec2::254', port: 80 })).toBe(GUARD_ERROR_CODE);
    const violations = guard.takeViolations();
    expect(violations).toHaveLength(2);
    expect(violations[0]).toContain('a connection to 10.0.0.1:80');
    expect(violations[0]).toContain('networkGuard.spec.ts');
  });

  it('stops fetch and http to the link-local metadata addresses', async () => {
    await expect(fetch('http://169.254.169.254/latest/api/token', { method: 'PUT' })).rejects.toThrow();
    await expect(fetch('http://169.254.170.2/v2/credentials/x')).rejects.toThrow();
    expect(guard.takeViolations()).toHaveLength(2);
  });

  it('stops DNS lookups and queries of names that are not localhost', async () => {
    const code = await new Promise((resolve) =>
      dns.lookup('example.invalid', (e) => resolve((e as NodeJS.ErrnoException | null)?.code)),
    );
    expect(code).toBe(GUARD_ERROR_CODE);
    await expect(dns.promises.lookup('example.invalid')).rejects.toMatchObject({ code: GUARD_ERROR_CODE });
    await expect(dns.promises.resolve4('example.invalid')).rejects.toMatchObject({ code: GUARD_ERROR_CODE });
    await expect(new dns.promises.Resolver().resolveTxt('example.invalid')).rejects.toMatchObject({
      code: GUARD_ERROR_CODE,
    });
    expect(await connectCode({ host: 'example.invalid', port: 80 })).toBe(GUARD_ERROR_CODE);
    expect(guard.takeViolations()).toHaveLength(5);
  });

  it('lets a server listen on every interface (its lookup of 0.0.0.0 asks no DNS server)', async () => {
    const wide = createServer().listen(0, '0.0.0.0');
    await once(wide, 'listening');
    wide.close();
    expect(await dns.promises.lookup('10.0.0.1')).toEqual({ address: '10.0.0.1', family: 4 });
    expect(guard.takeViolations()).toEqual([]);
  });

  it('lets loopback through: addresses, localhost, and a custom lookup that maps to loopback', async () => {
    expect(await connectCode({ host: '127.0.0.1', port })).toBe('connected');
    expect(await connectCode({ host: 'localhost', port, family: 4 })).toBe('connected');
    expect(await connectCode(port)).toBe('connected');
    const toLoopback = mapTo('127.0.0.1');
    expect(await connectCode({ host: 'emulator.test', port, lookup: toLoopback })).toBe('connected');
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    expect(guard.takeViolations()).toEqual([]);
  });

  it('stops a custom lookup that maps a name off loopback', async () => {
    const away = mapTo('192.0.2.10');
    expect(await connectCode({ host: 'emulator.test', port: 80, lookup: away })).toBe(GUARD_ERROR_CODE);
    expect(guard.takeViolations()[0]).toContain('emulator.test (192.0.2.10)');
  });
});

describe(isLoopbackHost.name, () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST.', true],
    ['app.localhost', true],
    ['0.0.0.0', false],
    ['169.254.169.254', false],
    ['fd00:ec2::23', false],
    ['10.0.0.1', false],
    ['localhost.example', false],
    ['example.com', false],
  ])('%s is %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
