import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CredentialsProviderError, fromInstanceRole, type InstanceRoleProvider } from '@keyless/credentials';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { AssumedRoleCache } from '@keyless/shims';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDownstreams } from '../src/createDownstreams.js';
import { type OrderDownstreams, placeOrder } from '../src/placeOrder.js';

const REGION = 'us-east-1';
const INVOICE_ROLE = 'arn:aws:iam::444455556666:role/invoice-writer';
const AUDIT_ROLE = 'arn:aws:iam::777788889999:role/audit-writer';
const START = Date.parse('2030-01-01T00:00:00Z');

let now = START;
const clock = { now: () => now };
let emu: Emulator;
let instanceRole: InstanceRoleProvider;
let cache: AssumedRoleCache;
let downstreams: OrderDownstreams;

beforeEach(async () => {
  now = START;
  emu = await startEmulator({ clock });
  // The instance role of an EC2 host signs the AssumeRole calls.
  instanceRole = fromInstanceRole({
    clock,
    env: {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
      // Generous: the first IMDS contact is one attempt, and a busy CI machine can take over 1 s.
      AWS_METADATA_SERVICE_TIMEOUT: '5',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
      AWS_CONFIG_FILE: '/nonexistent/keyless/config',
    },
  });
  cache = new AssumedRoleCache();
  downstreams = createDownstreams(
    {
      invoices: { roleArn: INVOICE_ROLE, bucket: 'billing-invoices' },
      audit: { roleArn: AUDIT_ROLE, bucket: 'security-audit' },
    },
    {
      roleSessionName: 'orders-api',
      source: instanceRole,
      stsConfig: { region: REGION, endpoint: emu.endpoints.sts, maxAttempts: 1 },
      s3Config: { region: REGION, endpoint: emu.endpoints.s3, forcePathStyle: true, maxAttempts: 1 },
      cache,
      clock,
    },
  );
});

afterEach(async () => {
  cache.clear();
  instanceRole.close();
  await emu.stop();
});

const order = (id: string) => ({ id, customer: 'c-42', totalCents: 1999 });
const assumeRoleCalls = () => emu.count({ kind: 'sts', action: 'AssumeRole', status: 200 });
/** The role the emulator issued a key to, looked up in its own records. */
const roleOfKey = (accessKeyId: string | undefined) =>
  emu.issued().find((set) => set.accessKeyId === accessKeyId)?.roleName;
/** The S3 requests the emulator served, each with the key id that signed it (verified: status 200). */
const s3Requests = () => emu.requests({ kind: 's3' });

/** The stored object, read back with a client of its own (signed with the instance-role set). */
async function stored(bucket: string, key: string): Promise<string> {
  const reader = new S3Client({
    region: REGION,
    endpoint: emu.endpoints.s3,
    forcePathStyle: true,
    credentials: emu.current(),
    maxAttempts: 1,
  });
  const object = await reader.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString()) ?? '';
}

describe('one assumed role per downstream service', () => {
  it("each downstream's STS client calls as its own role, verified by the emulator", async () => {
    const invoices = await downstreams.invoices.sts.send(new GetCallerIdentityCommand({}));
    const audit = await downstreams.audit.sts.send(new GetCallerIdentityCommand({}));

    expect(invoices.Arn).toBe('arn:aws:sts::444455556666:assumed-role/invoice-writer/orders-api');
    expect(audit.Arn).toBe('arn:aws:sts::777788889999:assumed-role/audit-writer/orders-api');
    // Both AssumeRole calls were verified against the instance-role set, the only one IMDS served.
    expect(emu.requests({ kind: 'sts', action: 'AssumeRole' })).toMatchObject([
      { status: 200 },
      { status: 200 },
    ]);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
  });

  it('signs each S3 write with the credentials of the role that owns the bucket', async () => {
    const placed = await placeOrder(order('1001'), downstreams, clock);

    expect(placed).toEqual({ invoiceKey: 'invoices/1001.json', auditKey: 'orders/2030-01-01/1001.json' });
    const invoicePut = s3Requests().find((r) => r.path === '/s3/billing-invoices/invoices/1001.json');
    const auditPut = s3Requests().find((r) => r.path === '/s3/security-audit/orders/2030-01-01/1001.json');
    expect([invoicePut?.status, auditPut?.status]).toEqual([200, 200]);
    expect(roleOfKey(invoicePut?.accessKeyId)).toBe('invoice-writer');
    expect(roleOfKey(auditPut?.accessKeyId)).toBe('audit-writer');
    expect(invoicePut?.accessKeyId).not.toBe(emu.current().accessKeyId);
    expect(JSON.parse(await stored('billing-invoices', 'invoices/1001.json'))).toEqual({
      order: '1001',
      customer: 'c-42',
      totalCents: 1999,
      at: '2030-01-01T00:00:00.000Z',
    });
  });

  it('reuses each role session: many orders, sequential and concurrent, assume each role once', async () => {
    await placeOrder(order('1'), downstreams, clock);
    await placeOrder(order('2'), downstreams, clock);
    await Promise.all(['3', '4', '5', '6'].map((id) => placeOrder(order(id), downstreams, clock)));

    expect(emu.count({ kind: 's3', status: 200 })).toBe(12);
    expect(assumeRoleCalls()).toBe(2);
    const keysByBucket = new Map<string, Set<string | undefined>>();
    for (const r of s3Requests()) {
      const bucket = r.path.split('/')[2] ?? '';
      keysByBucket.set(bucket, (keysByBucket.get(bucket) ?? new Set()).add(r.accessKeyId));
    }
    expect(keysByBucket.get('billing-invoices')?.size).toBe(1);
    expect(keysByBucket.get('security-audit')?.size).toBe(1);
  });

  it('assumes a role again when its session nears expiry, and only then', async () => {
    await placeOrder(order('1'), downstreams, clock);
    const first = s3Requests().map((r) => r.accessKeyId);
    // STS sessions last an hour by default: 30 s before the end, a caller must wait for a new one.
    now += 3_600_000 - 30_000;
    await placeOrder(order('2'), downstreams, clock);
    await placeOrder(order('3'), downstreams, clock);

    expect(assumeRoleCalls()).toBe(4);
    const second = s3Requests()
      .slice(2, 4)
      .map((r) => r.accessKeyId);
    expect(second.every((key) => !first.includes(key))).toBe(true);
    expect(second.map(roleOfKey).sort()).toEqual(['audit-writer', 'invoice-writer']);
  });

  it('a role that cannot be assumed fails its writes with a clear error and leaves the other role working', async () => {
    // The next STS request is the invoice role's AssumeRole.
    emu.fault({ kind: 'sts', type: 'code', code: 'AccessDenied', times: 1 });
    const failure = await downstreams.invoices.credentials().catch((e: unknown) => e);
    const audit = await downstreams.audit.sts.send(new GetCallerIdentityCommand({}));

    expect(emu.requests({ kind: 'sts' })[0]).toMatchObject({ action: 'AssumeRole', fault: 'code' });
    expect(failure).toBeInstanceOf(CredentialsProviderError);
    expect((failure as Error).message).toMatch(
      /STS AssumeRole of arn:aws:iam::444455556666:role\/invoice-writer failed: AccessDenied/,
    );
    expect(audit.Arn).toBe('arn:aws:sts::777788889999:assumed-role/audit-writer/orders-api');
  });

  it('rejects a malformed order before any AWS call', async () => {
    await expect(placeOrder({ ...order('../x'), totalCents: 1 }, downstreams, clock)).rejects.toThrow(
      TypeError,
    );
    await expect(placeOrder({ ...order('7'), totalCents: -1 }, downstreams, clock)).rejects.toThrow(
      TypeError,
    );
    expect(emu.count({ kind: 'sts' })).toBe(0);
    expect(emu.count({ kind: 's3' })).toBe(0);
  });
});
