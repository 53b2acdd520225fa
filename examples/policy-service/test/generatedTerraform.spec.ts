// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Terraform interpolations in the expected file
// iam/main.tf is what `npm run policy` writes: this test regenerates it with the built CLI and
// compares, so the committed role cannot drift from the code, and checks by hand what it must hold.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const exampleDir = fileURLToPath(new URL('..', import.meta.url));
const keylessBin = join(
  dirname(createRequire(import.meta.url).resolve('keyless/package.json')),
  'dist',
  'bin.js',
);

describe('examples/policy-service iam/main.tf', () => {
  it('is exactly what keyless policy derives from src/ today (run `npm run policy` after changing the code)', async () => {
    const { stdout, stderr } = await run(
      process.execPath,
      [keylessBin, 'policy', 'src', '--name', 'orders-service', '--format', 'terraform'],
      { cwd: exampleDir },
    );
    expect(stderr).toContain('platform ecs (from deploy/task-definition.json)');
    expect(stdout).toBe(await readFile(join(exampleDir, 'iam', 'main.tf'), 'utf8'));
  });

  it('grants exactly the actions the service calls, on its resources, to ECS tasks', async () => {
    const tf = await readFile(join(exampleDir, 'iam', 'main.tf'), 'utf8');
    const actions = [...tf.matchAll(/"([a-z0-9-]+:[A-Za-z]+)"/g)]
      .map((m) => m[1])
      .filter((a) => a !== 'sts:AssumeRole');
    expect([...new Set(actions)].sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      's3:PutObject',
      'secretsmanager:GetSecretValue',
      'sqs:SendMessage',
    ]);
    expect(tf).toContain('"Service": "ecs-tasks.amazonaws.com"');
    expect(tf).toContain(':table/${var.orders_table}/index/byCustomer"');
    expect(tf).toContain(':s3:::acme-receipts/receipts/*"');
    expect(tf).toContain('variable "fulfilment_queue_url"');
    expect(tf).not.toMatch(/"Resource": \[\s*"\*"/);
    expect(tf).not.toContain('aws_iam_instance_profile');
  });
});
