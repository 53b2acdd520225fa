import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { fromInstanceRole, type InstanceRoleProvider } from '@keyless/credentials';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotesService } from '../src/createNotesService.js';

const REGION = 'us-east-1';
const BUCKET = 'keyless-example-notes';
const START = Date.parse('2030-01-01T00:00:00Z');

let now = START;
const clock = { now: () => now };
let emu: Emulator;
let credentials: InstanceRoleProvider;
let server: Server;
let base: string;

beforeEach(async () => {
  now = START;
  emu = await startEmulator({ clock });
  // An EC2 host: IMDS is the only credential source. Profile files point nowhere, so the developer's
  // own ~/.aws cannot leak in.
  credentials = fromInstanceRole({
    clock,
    env: {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
      // Generous: the first IMDS contact is one attempt, and a busy CI machine can take over 1 s.
      AWS_METADATA_SERVICE_TIMEOUT: '5',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
      AWS_CONFIG_FILE: '/nonexistent/keyless/config',
    },
  });
  // The emulator's S3 verifies every signature against the sets it issued.
  const s3 = new S3Client({
    region: REGION,
    endpoint: emu.endpoints.s3,
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
  const sts = new STSClient({ region: REGION, endpoint: emu.endpoints.sts, credentials, maxAttempts: 1 });
  server = createNotesService({ credentials, s3, sts, bucket: BUCKET });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  credentials.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await emu.stop();
});

/** Who signed each S3 request, as the emulator's log recorded it. */
const s3Requests = () => emu.requests({ kind: 's3' });

/** The stored object, read back with a client of its own (signed with the set IMDS serves now). */
async function stored(key: string): Promise<string | undefined> {
  const reader = new S3Client({
    region: REGION,
    endpoint: emu.endpoints.s3,
    forcePathStyle: true,
    credentials: emu.current(),
    maxAttempts: 1,
  });
  const object = await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return object.Body?.transformToString();
}

async function call(path: string, init?: RequestInit) {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('the notes service on an EC2 host (IMDS from the emulator)', () => {
  it('calls AWS as the instance role: STS verifies the signature and names the role', async () => {
    const { status, body } = await call('/identity');
    const served = emu.current();
    expect(status).toBe(200);
    expect(body).toEqual({
      arn: `arn:aws:sts::111122223333:assumed-role/keyless-emulator-role/${served.sessionName}`,
      account: '111122223333',
      credentialSource: 'imds',
      accessKeyId: `${served.accessKeyId.slice(0, 4)}…${served.accessKeyId.slice(-4)}`,
    });
    expect(emu.requests({ kind: 'sts' })).toMatchObject([
      { action: 'GetCallerIdentity', status: 200, tokenSent: true },
    ]);
  });

  it('stores and reads notes in S3, every request signed with the role set from IMDS', async () => {
    const put = await call('/notes/groceries', { method: 'PUT', body: 'eggs, flour' });
    const get = await call('/notes/groceries');
    expect(put).toEqual({ status: 201, body: { stored: 'notes/groceries' } });
    expect(get).toEqual({ status: 200, body: { name: 'groceries', text: 'eggs, flour' } });
    const served = emu.current();
    // A 200 means the emulator verified the signature, and the session token, of that very set.
    expect(s3Requests()).toMatchObject([
      { method: 'PUT', status: 200, accessKeyId: served.accessKeyId },
      { method: 'GET', status: 200, accessKeyId: served.accessKeyId },
    ]);
    expect(await stored('notes/groceries')).toBe('eggs, flour');
    // The provider's cache served both calls from one IMDS fetch.
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
  });

  it('keeps working across a role rotation, signing with the new set', async () => {
    await call('/notes/a', { method: 'PUT', body: 'first' });
    const before = emu.current();
    // 30 s before the first set expires: the emulator has rotated and the provider must refresh.
    now = before.expiration.getTime() - 30_000;
    const after = emu.current();
    expect(after.accessKeyId).not.toBe(before.accessKeyId);

    const put = await call('/notes/b', { method: 'PUT', body: 'second' });
    const { body } = await call('/identity');
    expect(put.status).toBe(201);
    expect(s3Requests().map((r) => [r.status, r.accessKeyId])).toEqual([
      [200, before.accessKeyId],
      [200, after.accessKeyId],
    ]);
    expect(body.accessKeyId).toBe(`${after.accessKeyId.slice(0, 4)}…${after.accessKeyId.slice(-4)}`);
    expect(emu.count({ kind: 'sts', action: 'GetCallerIdentity', status: 200 })).toBe(1);
  });

  it('answers 503 saying why when the host has no role, without calling AWS', async () => {
    emu.detachRole();
    const { status, body } = await call('/identity');
    expect(status).toBe(503);
    expect(body.error).toBe('no AWS credentials');
    expect(body.detail).toMatch(/imds: failed/);
    expect(emu.count({ kind: 'sts' })).toBe(0);
    expect(emu.count({ kind: 's3' })).toBe(0);
  });

  it('answers 502 naming the error when AWS refuses the call', async () => {
    emu.fault({ kind: 'sts', type: 'code', code: 'AccessDenied', times: 1 });
    const { status, body } = await call('/identity');
    expect(status).toBe(502);
    expect(body).toMatchObject({
      error: 'AWS call failed',
      detail: expect.stringMatching(/^AccessDenied: /),
    });
  });

  it('rejects bad requests before reaching S3', async () => {
    expect(await call('/notes/no%2Fslashes', { method: 'PUT', body: 'x' })).toMatchObject({ status: 400 });
    expect(await call('/notes/big', { method: 'PUT', body: 'x'.repeat(64 * 1024 + 1) })).toMatchObject({
      status: 413,
    });
    expect(await call('/notes/x', { method: 'DELETE' })).toMatchObject({ status: 405 });
    expect(await call('/elsewhere')).toMatchObject({ status: 404 });
    expect(emu.count({ kind: 's3' })).toBe(0);
  });

  it('answers 404 for a note S3 does not have', async () => {
    const { status, body } = await call('/notes/missing');
    expect(status).toBe(404);
    expect(body.error).toBe('no note named missing');
    expect(s3Requests()).toMatchObject([
      {
        method: 'GET',
        path: `/s3/${BUCKET}/notes/missing`,
        status: 404,
        accessKeyId: emu.current().accessKeyId,
      },
    ]);
  });
});
