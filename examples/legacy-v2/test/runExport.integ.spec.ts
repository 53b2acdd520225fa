import { type Emulator, startEmulator } from '@keyless/emulator';
import type { InstanceRoleCredentials } from '@keyless/shims';
import { masked, recordingLogger } from '@keyless/test-support';
import AWS from 'aws-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError, ec2HostEnv, generatedKeys, instanceRoleCredentials, runExport } from './support.js';

const REGION = 'us-east-1';
const BUCKET = 'keyless-example-exports';
const ROWS = [
  { sku: 'A-100', name: 'widget', stock: 12 },
  { sku: 'B-200', name: 'gadget, "large"', stock: 3 },
];
const clock = { now: () => Date.parse('2030-01-02T03:04:05Z') };

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.stop();
});

/** The job's v2 clients as main.cjs builds them, pointed at the emulator's STS and S3. */
function clients(credentials: InstanceRoleCredentials) {
  return {
    sts: new AWS.STS({ region: REGION, endpoint: emu.endpoints.sts, credentials, maxRetries: 2 }),
    s3: new AWS.S3({
      region: REGION,
      endpoint: emu.endpoints.s3,
      s3ForcePathStyle: true,
      credentials,
      maxRetries: 0,
    }),
  };
}

/** The stored export, read back with a v2 client of its own signed with the set IMDS serves now. */
async function stored(key: string): Promise<string | undefined> {
  const reader = new AWS.S3({
    region: REGION,
    endpoint: emu.endpoints.s3,
    s3ForcePathStyle: true,
    credentials: new AWS.Credentials(emu.current()),
    maxRetries: 0,
  });
  const object = await reader.getObject({ Bucket: BUCKET, Key: key }).promise();
  return object.Body?.toString();
}

describe('the migrated aws-sdk v2 export job', () => {
  it('signs STS and S3 calls with the instance role: the emulator verifies both', async () => {
    const log = recordingLogger();
    const credentials = instanceRoleCredentials(generatedKeys(), {
      env: ec2HostEnv(emu),
      logger: log,
    });
    expect(credentials).toBeInstanceOf(AWS.Credentials);

    const logged: string[] = [];
    const result = await runExport({
      ...clients(credentials),
      bucket: BUCKET,
      rows: ROWS,
      clock,
      log: (line) => logged.push(line),
    });

    const served = emu.current();
    expect(result).toEqual({
      writtenBy: `arn:aws:sts::111122223333:assumed-role/keyless-emulator-role/${served.sessionName}`,
      key: 'exports/2030-01-02.csv',
      rows: 2,
    });
    expect(logged).toEqual([`writing s3://${BUCKET}/exports/2030-01-02.csv as ${result.writtenBy}`]);
    expect(emu.requests({ kind: 'sts' })).toMatchObject([{ action: 'GetCallerIdentity', status: 200 }]);
    // A 200 means the emulator verified the signature, and the session token, of that very set.
    expect(emu.requests({ kind: 's3' })).toMatchObject([
      {
        method: 'PUT',
        path: `/s3/${BUCKET}/exports/2030-01-02.csv`,
        status: 200,
        accessKeyId: served.accessKeyId,
      },
    ]);
    expect(await stored('exports/2030-01-02.csv')).toBe(
      'sku,name,stock\nA-100,widget,12\nB-200,"gadget, ""large""",3',
    );
    // With a role present the old keys are never used, so nothing is logged about them.
    expect(credentials.source).toBe('imds');
    expect(log.at('warn')).toEqual([]);
  });

  it('on a host with no role yet, signs with the old keys and warns once with the key id masked', async () => {
    emu.detachRole();
    const keys = generatedKeys();
    const log = recordingLogger();
    const credentials = instanceRoleCredentials(keys, { env: ec2HostEnv(emu), logger: log });

    // The emulator's STS knows only the credentials it issued, so it rejects the old keys as AWS
    // rejects a revoked key: proof that the job signed with them.
    for (let run = 0; run < 2; run++) {
      await expect(
        runExport({ ...clients(credentials), bucket: BUCKET, rows: ROWS, clock }),
      ).rejects.toMatchObject({ code: 'InvalidClientTokenId' });
    }

    expect(credentials.source).toBe('hard-coded');
    expect(credentials.accessKeyId).toBe(keys.EXPORT_ACCESS_KEY_ID);
    expect(emu.requests({ kind: 'sts' })).toMatchObject([{ status: 403 }, { status: 403 }]);
    expect(log.at('warn')).toHaveLength(1);
    expect(log.at('warn')[0]?.text).toContain(masked(keys.EXPORT_ACCESS_KEY_ID));
    const everything = JSON.stringify(log.lines);
    expect(everything).not.toContain(keys.EXPORT_ACCESS_KEY_ID);
    expect(everything).not.toContain(keys.EXPORT_SECRET_ACCESS_KEY);
  });

  it("with staticKeys: 'deny' refuses the old keys and says why, before any AWS call", async () => {
    emu.detachRole();
    const keys = generatedKeys();
    const credentials = instanceRoleCredentials(keys, { env: ec2HostEnv(emu), staticKeys: 'deny' });

    const failure = await runExport({ ...clients(credentials), bucket: BUCKET, rows: ROWS, clock }).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );

    expect(failure?.code).toBe('CredentialsError');
    const why = describeError(failure);
    expect(why).toMatch(/imds: failed/);
    expect(why).toContain(masked(keys.EXPORT_ACCESS_KEY_ID));
    expect(why).not.toContain(keys.EXPORT_ACCESS_KEY_ID);
    expect(why).not.toContain(keys.EXPORT_SECRET_ACCESS_KEY);
    expect(emu.count({ kind: 'sts' })).toBe(0);
    expect(emu.count({ kind: 's3' })).toBe(0);
  });

  it('recovers from ExpiredToken: v2 marks the credentials expired and the retry signs with a fresh set', async () => {
    const credentials = instanceRoleCredentials({}, { env: ec2HostEnv(emu) });
    const first = emu.current();
    await credentials.getPromise();
    // The role's credentials are revoked early: STS rejects the next call and IMDS serves a new set.
    emu.fault({ kind: 'sts', type: 'code', code: 'ExpiredToken', times: 1 });
    const next = emu.rotate();

    await runExport({ ...clients(credentials), bucket: BUCKET, rows: ROWS, clock });

    expect(emu.requests({ kind: 'sts' }).map((r) => r.status)).toEqual([400, 200]);
    expect(credentials.accessKeyId).toBe(next.accessKeyId);
    expect(next.accessKeyId).not.toBe(first.accessKeyId);
    expect(emu.requests({ kind: 's3' })).toMatchObject([{ status: 200, accessKeyId: next.accessKeyId }]);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(2);
  });
});
