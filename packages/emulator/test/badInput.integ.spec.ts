import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator({ maxBodyBytes: 1024 });
});

afterEach(async () => {
  await emu.stop();
});

/** Writes raw bytes and collects everything until the server closes the connection (or a short idle). */
function raw(payload: string | Buffer, idleMs = 300): Promise<string> {
  const { port } = new URL(emu.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let out = '';
    // Wait long for the first byte (a loaded machine is slow to answer), then stop once it goes quiet.
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (c) => {
      out += c.toString('latin1');
      socket.setTimeout(idleMs);
    });
    socket.on('close', () => resolve(out));
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' ? resolve(out) : reject(e)));
    socket.write(payload);
  });
}

async function stillServes(): Promise<void> {
  const res = await fetch(`${emu.url}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '5' },
  });
  expect(res.status).toBe(200);
}

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]);

describe('bad input gets a clean HTTP error and the server keeps serving', () => {
  it.each([
    ['a garbage request line', 'HELLO WORLD\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n', 400],
    [
      'a control character in a header value',
      'GET / HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n\r\n',
      400,
    ],
    [
      'conflicting Content-Length headers',
      'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
      400,
    ],
    ['a 20 KiB header', `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['binary noise', Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]), 400],
  ])('%s', async (_name, payload, status) => {
    expect(statusOf(await raw(payload))).toBe(status);
    await stillServes();
  });

  it('answers 413 to a declared body over the cap and to a chunked one that grows past it', async () => {
    const declared = await raw(
      'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000\r\n\r\n',
    );
    expect(statusOf(declared)).toBe(413);
    const chunk = `400\r\n${'a'.repeat(0x400)}\r\n`;
    const chunked = await raw(
      `POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}${chunk}`,
    );
    expect(statusOf(chunked)).toBe(413);
    await stillServes();
    expect(emu.count({ status: 413 })).toBe(2);
  });

  it('answers 404 to unknown paths on every method', async () => {
    for (const method of ['GET', 'DELETE', 'PATCH']) {
      expect((await fetch(`${emu.url}/no/such/path`, { method })).status).toBe(404);
    }
    expect(
      statusOf(await raw('GET //evil.example/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')),
    ).toBe(404);
    expect(emu.requests({ kind: 'other' }).map((r) => r.path)).toContain('//evil.example/x');
  });

  it.each([
    ['an empty body', '', 'MissingAction', 400],
    ['percent garbage', '%%%=%ZZ&&&=', 'MissingAction', 400],
    ['an unknown action', 'Action=DeleteEverything&Version=2011-06-15', 'InvalidAction', 400],
    ['a wrong version', 'Action=GetCallerIdentity&Version=1999-01-01', 'InvalidAction', 400],
    [
      'an unsigned signed action',
      'Action=GetCallerIdentity&Version=2011-06-15',
      'MissingAuthenticationToken',
      403,
    ],
    [
      'web identity without a token',
      'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s1',
      'InvalidIdentityToken',
      400,
    ],
    [
      'web identity with a bad duration',
      `Action=AssumeRoleWithWebIdentity&RoleArn=arn:aws:iam::123456789012:role/r&RoleSessionName=s1&DurationSeconds=5`,
      'ValidationError',
      400,
    ],
  ])('answers an STS form with %s with an ErrorResponse', async (_name, body, code, status) => {
    const res = await fetch(emu.endpoints.sts, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const text = await res.text();
    expect(text).toContain(`<Code>${code}</Code>`);
    expect(text).toMatch(/^<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">/);
    await stillServes();
  });

  it('answers a garbage Authorization header with IncompleteSignature', async () => {
    const res = await fetch(emu.endpoints.sts, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 garbage',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>IncompleteSignature</Code>');
  });

  it('keeps serving when a client disconnects mid-body', async () => {
    const { port } = new URL(emu.url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write('POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 500\r\n\r\nAction=Get');
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await stillServes();
  });
});
