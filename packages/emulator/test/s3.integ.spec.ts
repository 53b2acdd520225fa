import { createHash, randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CredentialSet, type Emulator, startEmulator } from '../src/index.js';

const BUCKET = 'keyless-test-bucket';

let emu: Emulator;
let clockMs: number;

beforeEach(async () => {
  clockMs = Date.parse('2030-01-01T00:00:00Z');
  emu = await startEmulator({ clock: { now: () => clockMs }, maxBodyBytes: 1024, s3StoreBytes: 2048 });
});

afterEach(async () => {
  await emu.stop();
});

type Keys = Pick<CredentialSet, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>;

function s3(credentials: Keys) {
  return new S3Client({
    endpoint: emu.endpoints.s3,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
  });
}

/** The secret with its last character changed: the key id and token stay valid. */
function wrongSecret(set: Keys): string {
  return `${set.secretAccessKey.slice(0, -1)}${set.secretAccessKey.endsWith('A') ? 'B' : 'A'}`;
}

describe('S3 with the SDK S3Client', () => {
  it('puts, heads, gets, lists and deletes objects signed with the instance-role set', async () => {
    const set = emu.current();
    const client = s3(set);
    const key = 'notes/a b+c.txt';
    const put = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'hello, s3', ContentType: 'text/plain' }),
    );
    // S3's ETag of a single-part upload is the MD5 of the body.
    expect(put.ETag).toBe(`"${createHash('md5').update('hello, s3').digest('hex')}"`);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({ ContentLength: 9, ContentType: 'text/plain', ETag: put.ETag });
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body?.transformToString()).toBe('hello, s3');
    expect(got.LastModified?.getTime()).toBe(clockMs);

    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'notes/z', Body: 'z' }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'other', Body: 'o' }));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'notes/' }));
    expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([
      [key, 9],
      ['notes/z', 1],
    ]);
    expect(listed.KeyCount).toBe(2);

    await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    expect(emu.requests({ kind: 's3' }).map((r) => [r.method, r.status, r.accessKeyId])).toEqual([
      ['PUT', 200, set.accessKeyId],
      ['HEAD', 200, set.accessKeyId],
      ['GET', 200, set.accessKeyId],
      ['PUT', 200, set.accessKeyId],
      ['PUT', 200, set.accessKeyId],
      ['GET', 200, set.accessKeyId],
      ['DELETE', 204, set.accessKeyId],
      ['GET', 404, set.accessKeyId],
    ]);
    expect(emu.requests({ kind: 's3' })[0]?.path).toBe(`/s3/${BUCKET}/notes/a%20b%2Bc.txt`);
  });

  it('pages a listing with MaxKeys and the continuation token', async () => {
    const client = s3(emu.current());
    for (const key of ['c', 'a', 'b'])
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    const first = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, MaxKeys: 2 }));
    expect(first.Contents?.map((o) => o.Key)).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    const rest = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(rest.Contents?.map((o) => o.Key)).toEqual(['c']);
    expect(rest.IsTruncated).toBe(false);
  });

  it('accepts assumed-role credentials and logs which key signed', async () => {
    const sts = new STSClient({
      endpoint: emu.endpoints.sts,
      region: 'us-east-1',
      credentials: emu.current(),
      maxAttempts: 1,
    });
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/writer', RoleSessionName: 'job' }),
    );
    const assumed = {
      accessKeyId: out.Credentials?.AccessKeyId ?? '',
      secretAccessKey: out.Credentials?.SecretAccessKey ?? '',
      sessionToken: out.Credentials?.SessionToken ?? '',
    };
    await s3(assumed).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
    expect(emu.count({ kind: 's3', accessKeyId: assumed.accessKeyId, status: 200 })).toBe(1);
    expect(emu.count({ kind: 's3', accessKeyId: emu.current().accessKeyId })).toBe(0);
  });

  it('rejects a wrongly signed request with SignatureDoesNotMatch and stores nothing', async () => {
    const set = emu.current();
    await expect(
      s3({ ...set, secretAccessKey: wrongSecret(set) }).send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }),
      ),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
    await expect(s3(set).send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'k' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    expect(emu.requests({ kind: 's3' })).toMatchObject([
      { method: 'PUT', status: 403, accessKeyId: set.accessKeyId },
      { method: 'HEAD', status: 404 },
    ]);
  });

  it('rejects a key it never issued, a foreign session token and an expired set', async () => {
    const set = emu.current();
    // Key-shaped values made at run time.
    const unknown = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: 'x',
    };
    const put = (keys: Keys) => s3(keys).send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
    await expect(put(unknown)).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(put({ ...set, sessionToken: 'not-the-token' })).rejects.toMatchObject({
      name: 'InvalidToken',
      $metadata: { httpStatusCode: 400 },
    });
    clockMs = set.expiration.getTime();
    await expect(put(set)).rejects.toMatchObject({
      name: 'ExpiredToken',
      $metadata: { httpStatusCode: 400 },
    });
    expect(emu.requests({ kind: 's3' }).map((r) => r.accessKeyId)).toEqual([
      unknown.accessKeyId,
      set.accessKeyId,
      set.accessKeyId,
    ]);
  });

  it('answers an unsigned request with AccessDenied as S3 XML', async () => {
    const res = await fetch(`${emu.endpoints.s3}/${BUCKET}/k`);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(await res.text()).toMatch(/<Error><Code>AccessDenied<\/Code><Message>[^<]+<\/Message>/);
    expect(emu.requests({ kind: 's3' })).toMatchObject([{ status: 403, tokenSent: false }]);
    expect(emu.requests({ kind: 's3' })[0]?.accessKeyId).toBeUndefined();
  });

  it('refuses a body over maxBodyBytes and a store over s3StoreBytes with EntityTooLarge', async () => {
    const client = s3(emu.current());
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'big', Body: 'x'.repeat(1025) })),
    ).rejects.toMatchObject({ name: 'EntityTooLarge', $metadata: { httpStatusCode: 400 } });
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'a', Body: 'x'.repeat(1000) }));
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'b', Body: 'x'.repeat(1000) }));
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'c', Body: 'x'.repeat(100) })),
    ).rejects.toMatchObject({ name: 'EntityTooLarge' });
    // Replacing an object frees its old bytes first.
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'b', Body: 'y'.repeat(1000) }));
    const b = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'b' }));
    expect(await b.Body?.transformToString()).toBe('y'.repeat(1000));
  });

  it('applies faults to kind s3: status, throttle and code', async () => {
    const client = s3(emu.current());
    emu.fault({ kind: 's3', type: 'status', status: 500, times: 1 });
    emu.fault({ kind: 's3', type: 'throttle', times: 1 });
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' })),
    ).rejects.toMatchObject({
      name: 'InternalError',
      $metadata: { httpStatusCode: 500 },
    });
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' })),
    ).rejects.toMatchObject({
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503 },
    });
    emu.fault({ kind: 's3', type: 'code', code: 'AccessDenied', times: 1 });
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect(emu.requests({ kind: 's3' }).map((r) => r.fault)).toEqual(['status', 'throttle', 'code']);
  });
});
