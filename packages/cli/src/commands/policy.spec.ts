import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { main } from '../main.js';

// The first derivation loads oxc-parser and the IAM data, which takes seconds on a loaded machine.
describe('keyless policy', { timeout: 60_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  const service = {
    'src/s3.ts': [
      "import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';",
      'const s3 = new S3Client({});',
      'export async function read(id: string) {',
      '  await s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source code of the fixture
      '  return s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: `reports/${id}.csv` }));',
      '}',
    ].join('\n'),
  };

  async function policy(args: string[]) {
    const c = captureIo(dir);
    const code = await main(['policy', ...args], c.io);
    return { code, out: c.out(), err: c.err() };
  }

  it('prints the IAM policy, concrete with --partition/--account/--region and --env', async () => {
    await writeTree(dir, service);
    const r = await policy(['--partition', 'aws', '--env', 'BUCKET=acme-reports']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'S3GetObject',
          Effect: 'Allow',
          Action: ['s3:GetObject'],
          Resource: ['arn:aws:s3:::acme-reports/reports/*'],
        },
        {
          Sid: 'S3ListBucket',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: ['arn:aws:s3:::acme-reports'],
        },
      ],
    });
  });

  it('prints the JSON report with exactly policy, underivable, parameters and requirements', async () => {
    await writeTree(dir, {
      ...service,
      'src/put.ts':
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nexport const put = (req: { key: string }) =>\n  new S3Client({}).send(new PutObjectCommand({ Bucket: 'inbox', Key: req.key }));\n",
    });
    const r = await policy(['src', '--format', 'json', '-o', 'policy.json']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(
      'src/put.ts:3: s3:PutObject not granted: Key is computed at run time (`req.key`)',
    );
    const report = JSON.parse(await readFile(join(dir, 'policy.json'), 'utf8'));
    expect(Object.keys(report)).toEqual(['policy', 'underivable', 'parameters', 'requirements']);
    expect(report.underivable).toEqual([
      {
        action: 's3:PutObject',
        param: 'Key',
        file: 'src/put.ts',
        line: 3,
        reason: 'Key is computed at run time (`req.key`)',
      },
    ]);
    expect(report.parameters).toEqual([
      { name: 'BUCKET', kind: 'name', actions: ['s3:GetObject', 's3:ListBucket'] },
    ]);
    expect(report.requirements).toContainEqual(
      expect.objectContaining({
        action: 's3:GetObject',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: IAM reference placeholders
        resource: 'arn:${Partition}:s3:::${BUCKET}/reports/*',
        file: 'src/s3.ts',
        line: 5,
      }),
    );
    expect(JSON.stringify(report.policy)).not.toContain('"*"');
  });

  it('writes Terraform and CloudFormation with the trust policy of the detected or chosen platform', async () => {
    await writeTree(dir, {
      ...service,
      'package.json': '{ "name": "@acme/reports" }',
      'serverless.yml': 'service: reports\n',
    });
    const tf = await policy(['--format', 'terraform', '--env', 'BUCKET=x']);
    expect(tf.code).toBe(0);
    expect(tf.err).toContain('platform lambda (from serverless.yml)');
    expect(tf.out).toContain('resource "aws_iam_role" "reports"');
    expect(tf.out).toContain('"lambda.amazonaws.com"');
    expect(tf.out).toContain('variable "bucket"');
    const cfn = await policy(['--format', 'cloudformation', '--platform', 'ec2', '--name', 'reports-role']);
    expect(cfn.code).toBe(0);
    const template = JSON.parse(cfn.out);
    expect(template.Resources.ReportsRoleRole.Properties.RoleName).toBe('reports-role');
    expect(template.Resources.ReportsRoleInstanceProfile.Type).toBe('AWS::IAM::InstanceProfile');
  });

  it('exits 2 on usage errors and a missing path', async () => {
    for (const args of [
      ['--platform', 'mainframe'],
      ['--name', 'no spaces'],
      ['--format', 'xml'],
      ['--account', '12'],
      ['--env', 'NOEQUALS'],
      ['--region', 'mars'],
      ['--bogus'],
    ]) {
      const r = await policy(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Run `keyless policy --help`');
    }
    const missing = await policy(['nope']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope');
    const help = await policy(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: keyless policy');
  });

  it('merges recorded calls: they grant what the code computes, and a bad line is reported with its line', async () => {
    const put = {
      'src/put.ts':
        "import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';\nexport const put = (req: { bucket: string }) =>\n  new S3Client({}).send(new PutObjectCommand({ Bucket: req.bucket, Key: 'in/x' }));\n",
    };
    const record = {
      sdk: 'v3',
      service: 's3',
      operation: 'PutObject',
      input: { Bucket: 'inbox-7', Key: 'in/x' },
      outcome: { ok: true, status: 200 },
    };
    await writeTree(dir, { ...put, 'calls.jsonl': `${JSON.stringify(record)}\n` });
    const without = await policy(['src', '--partition', 'aws']);
    expect(without.code).toBe(1);
    const merged = await policy(['src', '--partition', 'aws', '--recorded', 'calls.jsonl']);
    expect(merged.err).toContain(
      '1 resource(s) the code computes are granted from the recorded calls (s3:PutObject)',
    );
    expect(merged.code).toBe(0);
    expect(JSON.parse(merged.out).Statement).toEqual([
      {
        Sid: 'S3PutObject',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: ['arn:aws:s3:::inbox-7/in/x'],
      },
    ]);
    await writeTree(dir, { 'calls.jsonl': `${JSON.stringify(record)}\n{"sdk": "v3"}\n` });
    const bad = await policy(['src', '--partition', 'aws', '--recorded', 'calls.jsonl']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('calls.jsonl:2 is not a recorded call');
    expect((await policy(['src', '--recorded', 'missing.jsonl'])).code).toBe(2);
  });

  describe('one policy per deploy unit', () => {
    const handler = (name: string, table: string) =>
      `import { GetItemCommand } from '@aws-sdk/client-dynamodb';\nimport { db } from '../lib/db.js';\nexport const ${name} = () => db.send(new GetItemCommand({ TableName: '${table}', Key: {} }));\n`;
    const lambdas = {
      'src/lib/db.ts':
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const db = new DynamoDBClient({});\n",
      'src/handlers/orders.ts': handler('orders', 'orders'),
      'src/handlers/stock.ts': handler('stock', 'stock'),
      'src/handlers/health.ts': 'export const health = () => "ok";\n',
      'serverless.yml': 'service: shop\n',
    };

    it('--entry: each handler gets only what the files it imports call', async () => {
      await writeTree(dir, lambdas);
      const r = await policy([
        '--entry',
        'src/handlers/*.ts',
        '--partition',
        'aws',
        '--region',
        'eu-west-1',
        '--account',
        '111122223333',
      ]);
      expect(r.code).toBe(0);
      expect(r.err).toContain('health (src/handlers/health.ts) makes no AWS SDK calls: no role needed');
      const units = JSON.parse(r.out);
      expect(Object.keys(units)).toEqual(['orders', 'stock']);
      expect(units.orders.Statement).toEqual([
        {
          Sid: 'DynamodbGetItem',
          Effect: 'Allow',
          Action: ['dynamodb:GetItem'],
          Resource: ['arn:aws:dynamodb:eu-west-1:111122223333:table/orders'],
        },
      ]);
      expect(units.stock.Statement[0].Resource).toEqual([
        'arn:aws:dynamodb:eu-west-1:111122223333:table/stock',
      ]);

      const tf = await policy(['--entry', 'src/handlers/*.ts', '--format', 'terraform', '-o', 'iam']);
      expect(tf.code).toBe(0);
      expect(tf.err).toContain('platform lambda for orders (from serverless.yml)');
      const orders = await readFile(join(dir, 'iam/orders/main.tf'), 'utf8');
      expect(orders).toContain('resource "aws_iam_role" "orders"');
      expect(orders).toContain(':table/orders"');
      expect(orders).not.toContain(':table/stock"');
      expect(await readFile(join(dir, 'iam/stock/main.tf'), 'utf8')).toContain(
        'resource "aws_iam_role" "stock"',
      );
      expect((await policy(['--entry', 'src/handlers/*.ts', '--format', 'terraform'])).code).toBe(2);
      expect((await policy(['--entry', 'nothing/*.ts'])).err).toContain(
        '--entry: no code file under . matches nothing/*.ts',
      );
    });

    it('--workspaces: each workspace package with AWS calls gets its own policy', async () => {
      await writeTree(dir, {
        'package.json': JSON.stringify({ name: 'mono', workspaces: ['services/*', 'tools'] }),
        'services/orders/package.json': JSON.stringify({ name: '@acme/orders' }),
        'services/orders/src/index.ts': handler('orders', 'orders').replace('../lib/db.js', './db.js'),
        'services/orders/src/db.ts': lambdas['src/lib/db.ts'],
        'services/notes/package.json': JSON.stringify({ name: '@acme/notes' }),
        'services/notes/src/index.ts': service['src/s3.ts'],
        'tools/package.json': JSON.stringify({ name: 'tools' }),
        'tools/index.ts': 'export {};\n',
      });
      const r = await policy(['--workspaces', '--partition', 'aws', '--env', 'BUCKET=acme-notes']);
      expect(r.code).toBe(0);
      expect(r.err).toContain('tools (tools) makes no AWS SDK calls');
      const units = JSON.parse(r.out);
      expect(Object.keys(units)).toEqual(['notes', 'orders']);
      expect(JSON.stringify(units.notes)).toContain('arn:aws:s3:::acme-notes');
      expect(JSON.stringify(units.orders)).not.toContain('s3:');
      expect((await policy(['--workspaces', '--entry', 'x'])).code).toBe(2);
    });
  });

  describe('--check', () => {
    const deployed = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:jobs' },
      ],
    };

    it('reports findings as pretty text, JSON and SARIF, on the deployed file and on the code', async () => {
      await writeTree(dir, { ...service, 'deployed.json': JSON.stringify(deployed, null, 2) });
      const pretty = await policy(['src', '--check', 'deployed.json', '--env', 'BUCKET=acme-reports']);
      expect(pretty.code).toBe(1);
      expect(pretty.out).toContain('deployed.json');
      expect(pretty.out).toContain('s3:* grants');
      expect(pretty.out).toContain('the code needs only s3:GetObject, s3:ListBucket');
      expect(pretty.out).toContain('policy-unused-grant');
      expect(pretty.out).toMatch(/✖ \d+ findings/);

      const json = await policy(['src', '--check', 'deployed.json', '--format', 'json', '-o', 'check.json']);
      expect(json.code).toBe(1);
      expect(json.out).toBe('');
      const report = JSON.parse(await readFile(join(dir, 'check.json'), 'utf8'));
      expect(report.compared).toBe('deployed.json');
      expect(
        report.findings.map((f: { ruleId: string; line: number }) => `${f.ruleId}:${f.line}`).sort(),
      ).toEqual(['policy-unused-grant:9', 'policy-wildcard-action:4', 'policy-wildcard-resource:4'].sort());

      const sarif = JSON.parse((await policy(['src', '--check', 'deployed.json', '--format', 'sarif'])).out);
      const run = sarif.runs[0];
      expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
        'policy-unused-grant',
        'policy-wildcard-action',
        'policy-wildcard-resource',
      ]);
      expect(run.tool.driver.rules[0].properties.tags).toContain('iam');
      expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deployed.json');
    });

    it('exits 0 on the policy keyless derives, and reports a grant the code needs that is missing on the code line', async () => {
      await writeTree(dir, service);
      const derived = await policy([
        'src',
        '--partition',
        'aws',
        '--env',
        'BUCKET=acme-reports',
        '-o',
        'derived.json',
      ]);
      expect(derived.code).toBe(0);
      const clean = await policy([
        'src',
        '--check',
        'derived.json',
        '--partition',
        'aws',
        '--env',
        'BUCKET=acme-reports',
      ]);
      expect(clean.err).toBe('');
      expect(clean.out).toContain('✔ no findings: checked derived.json against the code');
      expect(clean.code).toBe(0);
      const other = await policy([
        'src',
        '--check',
        'derived.json',
        '--partition',
        'aws',
        '--env',
        'BUCKET=other',
      ]);
      expect(other.code).toBe(1);
      expect(other.out).toContain('src/s3.ts');
      expect(other.out).toContain(
        's3:GetObject on arn:aws:s3:::other/reports/* is needed here but derived.json does not grant it',
      );
    });

    it('exits 2 with the file and line of a malformed policy, and on an unreadable file', async () => {
      await writeTree(dir, {
        ...service,
        'bad.json': '{\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}\n',
      });
      const bad = await policy(['src', '--check', 'bad.json']);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/keyless policy: bad\.json:3:\d+: not valid JSON/);
      expect(bad.out).toBe('');
      const missing = await policy(['src', '--check', 'nope.json']);
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('cannot read nope.json');
      expect((await policy(['--role', 'x'])).code).toBe(2);
      expect((await policy(['--check', 'bad.json', '--format', 'terraform'])).err).toContain(
        '--format: expected one of pretty, json, sarif with --check',
      );
    });
  });
});
