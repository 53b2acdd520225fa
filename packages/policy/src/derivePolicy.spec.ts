import { tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { derivePolicy } from './derivePolicy.js';
import { readSources } from './io/readSources.js';
import { policyReport } from './render/policyReport.js';
import { renderArn } from './render/renderArn.js';

describe(derivePolicy.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir('keyless-policy-'));
  });
  afterEach(() => cleanup());

  async function derive(files: Record<string, string>) {
    await writeTree(dir, files);
    const d = await derivePolicy({ sources: await readSources(['.'], dir), cwd: dir });
    const needs = d.requirements.map(
      (r) =>
        `${r.action} ${renderArn(r.resource, { partition: 'aws', region: 'eu-west-1', account: '111122223333' })} ${r.file}:${r.line}`,
    );
    return { ...d, needs: needs.sort() };
  }

  it('follows v3 commands built anywhere, clients shared across modules, paginators, waiters and presigners', async () => {
    const d = await derive({
      'src/clients.ts':
        "import { S3Client, S3 } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});\nexport const agg = new S3({});\n",
      'src/keys.ts':
        "import { GetObjectCommand } from '@aws-sdk/client-s3';\nexport function fetchReport() {\n  return new GetObjectCommand({ Bucket: 'reports', Key: 'daily.csv' });\n}\n",
      'src/handler.ts': [
        "import { paginateListObjectsV2, waitUntilObjectExists, PutObjectCommand } from '@aws-sdk/client-s3';",
        "import { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
        "import { agg, s3 } from './clients.js';",
        "import { fetchReport } from './keys.js';",
        'export async function run() {',
        '  await s3.send(fetchReport());',
        "  for await (const p of paginateListObjectsV2({ client: s3 }, { Bucket: 'reports' })) void p;",
        "  await waitUntilObjectExists({ client: s3, maxWaitTime: 5 }, { Bucket: 'reports', Key: 'done' });",
        "  await agg.deleteObject({ Bucket: 'reports', Key: 'old.csv' });",
        "  return getSignedUrl(s3, new PutObjectCommand({ Bucket: 'inbox', Key: 'upload.bin' }));",
        '}',
      ].join('\n'),
    });
    expect(d.problems).toEqual([]);
    expect(d.needs).toEqual([
      's3:DeleteObject arn:aws:s3:::reports/old.csv src/handler.ts:9',
      's3:GetObject arn:aws:s3:::reports/daily.csv src/keys.ts:3',
      's3:GetObject arn:aws:s3:::reports/done src/handler.ts:8',
      's3:ListBucket arn:aws:s3:::reports src/handler.ts:7',
      's3:PutObject arn:aws:s3:::inbox/upload.bin src/handler.ts:10',
    ]);
    expect(d.calls.find((c) => c.line === 10)?.shape).toBe('presigned');
  });

  it('follows v2 clients: promise, callback, class fields, DocumentClient, upload, waitFor and presigned URLs', async () => {
    const d = await derive({
      'lib/aws.js':
        "const AWS = require('aws-sdk');\nmodule.exports = { s3: new AWS.S3(), docs: new AWS.DynamoDB.DocumentClient() };\n",
      'lib/jobs.js': [
        "const { SQS } = require('aws-sdk');",
        "const { s3, docs } = require('./aws');",
        'class Jobs {',
        '  constructor() { this.queue = new SQS(); }',
        "  send() { return this.queue.sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs', MessageBody: 'x' }).promise(); }",
        '}',
        "s3.getObject({ Bucket: 'assets', Key: 'logo.png' }, (err, data) => {});",
        "docs.put({ TableName: 'jobs', Item: {} }).promise();",
        "s3.upload({ Bucket: 'assets', Key: 'big.iso', Body: 'x' }).promise();",
        "s3.waitFor('bucketExists', { Bucket: 'assets' });",
        "s3.getSignedUrl('getObject', { Bucket: 'assets', Key: 'share.pdf' });",
        'module.exports = Jobs;',
      ].join('\n'),
    });
    expect(d.problems).toEqual([]);
    expect(d.needs).toEqual([
      'dynamodb:PutItem arn:aws:dynamodb:eu-west-1:111122223333:table/jobs lib/jobs.js:8',
      's3:AbortMultipartUpload arn:aws:s3:::assets/big.iso lib/jobs.js:9',
      's3:GetObject arn:aws:s3:::assets/logo.png lib/jobs.js:7',
      's3:GetObject arn:aws:s3:::assets/share.pdf lib/jobs.js:11',
      's3:ListBucket arn:aws:s3:::assets lib/jobs.js:10',
      's3:PutObject arn:aws:s3:::assets/big.iso lib/jobs.js:9',
      'sqs:SendMessage arn:aws:sqs:eu-west-1:111122223333:jobs lib/jobs.js:5',
    ]);
    expect(d.calls.map((c) => c.shape).sort()).toEqual([
      'callback',
      'presigned',
      'promise',
      'promise',
      'upload',
      'waiter',
    ]);
  });

  it('reports what it cannot follow: computed operations, unknown services and waiters, files that do not parse', async () => {
    const d = await derive({
      'src/dyn.js':
        "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();\nexport function call(op, p) { return s3[op](p).promise(); }\nnew AWS.NotAService().doThing({});\n",
      'src/w.ts':
        "import { waitUntilSomethingNew } from '@aws-sdk/client-s3';\nwaitUntilSomethingNew({}, {});\n",
      'src/broken.ts': "import { S3Client } from '@aws-sdk/client-s3';\nconst = ;\n",
    });
    expect(d.requirements).toEqual([]);
    expect(d.problems.map((p) => `${p.kind} ${p.file}:${p.line}`).sort()).toEqual([
      'parse src/broken.ts:2',
      'unfollowable src/dyn.js:3',
      'unknown-operation src/w.ts:2',
      'unknown-service src/dyn.js:4',
    ]);
  });

  it('finds calls in files that reach the SDK only through relative imports and re-exports, and values in modules that never name it', async () => {
    const d = await derive({
      'src/aws.ts': "import { S3 } from '@aws-sdk/client-s3';\nexport const s3 = new S3({});\n",
      'src/storage/index.ts': "export * from './s3.js';\n",
      'src/storage/s3.ts': "export { s3 } from '../aws.js';\n",
      'src/settings.ts': "export const bucket = 'uploads';\n",
      'src/handler.ts':
        "import { s3 } from './storage/index.js';\nimport { bucket } from './settings.js';\nexport const put = () => s3.putObject({ Bucket: bucket, Key: 'k' });\n",
    });
    expect(d.needs).toEqual(['s3:PutObject arn:aws:s3:::uploads/k src/handler.ts:3']);
    expect(d.problems).toEqual([]);
  });

  it('reports code nested too deeply to analyse as a problem of its file and goes on', async () => {
    const terms = Array.from({ length: 12_000 }, () => "'a'").join(' + ');
    const d = await derive({
      'src/deep.js': `import { S3 } from '@aws-sdk/client-s3';\nconst s3 = new S3({});\nexport const f = () => s3.getObject({ Bucket: ${terms}, Key: 'k' });\n`,
      'src/ok.js':
        "import { S3 } from '@aws-sdk/client-s3';\nconst s3 = new S3({});\nexport const g = () => s3.getObject({ Bucket: 'b', Key: 'k' });\n",
    });
    expect(d.needs).toEqual(['s3:GetObject arn:aws:s3:::b/k src/ok.js:3']);
    expect(d.problems.map((p) => `${p.kind} ${p.file}: ${p.message}`)).toEqual([
      expect.stringMatching(/^parse src\/deep\.js: .*(too deeply|nested more than)/),
    ]);
  });

  it('follows clients through assignment cycles, from whichever name is asked first', async () => {
    const d = await derive({
      'src/a.ts': [
        "import { S3 } from '@aws-sdk/client-s3';",
        'let c;',
        'let d;',
        "export const first = () => d.getObject({ Bucket: 'one', Key: 'k' });",
        'd = c;',
        'c = d;',
        'c = new S3({});',
        "export const second = () => c.getObject({ Bucket: 'two', Key: 'k' });",
        "export const third = () => d.getObject({ Bucket: 'three', Key: 'k' });",
      ].join('\n'),
    });
    expect(d.needs).toEqual([
      's3:GetObject arn:aws:s3:::one/k src/a.ts:4',
      's3:GetObject arn:aws:s3:::three/k src/a.ts:9',
      's3:GetObject arn:aws:s3:::two/k src/a.ts:8',
    ]);
  });

  it('maps STS GetCallerIdentity to nothing, and new operations the IAM data lacks to a problem, never an invented action', async () => {
    const d = await derive({
      'a.ts':
        "import { STSClient, GetCallerIdentityCommand, GetScopedCredentialsCommand } from '@aws-sdk/client-sts';\nconst sts = new STSClient({});\nawait sts.send(new GetCallerIdentityCommand({}));\nawait sts.send(new GetScopedCredentialsCommand({}));\n",
    });
    expect(d.requirements).toEqual([]);
    expect(d.problems).toEqual([
      expect.objectContaining({ kind: 'unknown-operation', file: 'a.ts', line: 4 }),
    ]);
  });

  it('fills the region from a client built with a literal one (v3 send and v2 methods)', async () => {
    const text = [
      "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
      "import AWS from 'aws-sdk';",
      "const db = new DynamoDBClient({ region: 'eu-central-1' });",
      "export const a = () => db.send(new GetItemCommand({ TableName: 'orders', Key: {} }));",
      "export const b = () => new AWS.DynamoDB({ region: 'ap-south-1' }).getItem({ TableName: 'stock', Key: {} }).promise();",
      "export const c = () => new DynamoDBClient({}).send(new GetItemCommand({ TableName: 'any', Key: {} }));",
    ].join('\n');
    const d = await derivePolicy({ sources: [{ file: 'a.ts', text }], cwd: '/x' });
    expect(
      policyReport(d, { partition: 'aws', account: '111122223333' }).requirements.map((r) => r.resource),
    ).toEqual([
      'arn:aws:dynamodb:eu-central-1:111122223333:table/orders',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the IAM reference placeholder
      'arn:aws:dynamodb:${Region}:111122223333:table/any',
      'arn:aws:dynamodb:ap-south-1:111122223333:table/stock',
    ]);
  });
});
