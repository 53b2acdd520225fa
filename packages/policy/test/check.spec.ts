// biome-ignore-all lint/suspicious/noTemplateCurlyInString: source code, CloudFormation and Terraform of the fixtures
// `keyless policy --check` on deployed policies (a policy document, a CloudFormation template, a
// Terraform plan), compared with a small service's code.
import { describe, expect, it } from 'vitest';
import { checkPolicy, derivePolicy, IamData, parseDeployed } from '../src/index.js';

const data = new IamData();
const code = [
  "import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';",
  "import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';",
  'const s3 = new S3Client({});',
  'const sqs = new SQSClient({});',
  'export async function run(id: string) {',
  "  await s3.send(new ListObjectsV2Command({ Bucket: 'acme-reports' }));",
  "  await s3.send(new GetObjectCommand({ Bucket: 'acme-reports', Key: `reports/${id}.csv` }));",
  "  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.JOBS_QUEUE_URL, MessageBody: 'x' }));",
  '}',
].join('\n');
const derivation = await derivePolicy({ sources: [{ file: 'src/run.ts', text: code }], cwd: '/repo', data });
const render = {
  partition: 'aws',
  region: 'eu-west-1',
  account: '111122223333',
  env: { JOBS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111122223333/jobs' },
};

/** The 1-based line of the first line of `text` containing `needle`, found independently of the parser. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const brief = (r: Awaited<ReturnType<typeof checkPolicy>>) =>
  r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`);

describe('checkPolicy on a policy document', () => {
  const statements = [
    { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' },
    {
      Sid: 'ListOnObjects',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: ['arn:aws:s3:::acme-reports/*'],
    },
    { Sid: 'Delete', Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::acme-reports/*' },
    { Sid: 'Queue', Effect: 'Allow', Action: 'sqs:*', Resource: '*' },
    { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    { Sid: 'Typo', Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::acme-reports/*' },
    { Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::other/*' },
    { Sid: 'Metrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' },
    { Sid: 'Buckets', Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::acme-reports' },
  ];
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
  const at = (sid: string) => `policy.json:${lineOf(text, `"Sid": "${sid}"`) - 1}`;

  it('reports each rule on its statement, and what the code needs but is not granted on its line of code', async () => {
    const result = await checkPolicy({
      deployed: [parseDeployed('policy.json', text)],
      derivation,
      render,
      data,
    });
    expect(result.compared).toBe('policy.json');
    expect(brief(result).sort()).toEqual(
      [
        `policy-resource-type-mismatch ${at('ListOnObjects')}`,
        // ListBucket is used, but on the bucket, not on its objects.
        `policy-unused-grant ${at('ListOnObjects')}`,
        `policy-unused-grant ${at('Delete')}`,
        `policy-wildcard-action ${at('Queue')}`,
        `policy-wildcard-resource ${at('Queue')}`,
        `policy-passrole-wildcard ${at('Pass')}`,
        `policy-wildcard-resource ${at('Pass')}`,
        `policy-unused-grant ${at('Pass')}`,
        `policy-unknown-action ${at('Typo')}`,
        `policy-notaction-allow ${at('AllButIam')}`,
        `policy-unused-grant ${at('Metrics')}`,
        `policy-resource-type-mismatch ${at('Buckets')}`,
        `policy-unused-grant ${at('Buckets')}`,
        // ListObjectsV2 needs s3:ListBucket on the bucket; the policy grants it on the objects only.
        `policy-missing-grant src/run.ts:${lineOf(code, 'ListObjectsV2Command({')}`,
      ].sort(),
    );
    const queue = result.findings.find((f) => f.ruleId === 'policy-wildcard-action');
    expect(queue?.message).toContain('the code needs only sqs:SendMessage');
    expect(result.findings.find((f) => f.ruleId === 'policy-missing-grant')?.message).toContain(
      's3:ListBucket on arn:aws:s3:::acme-reports is needed here',
    );
  });

  it('is clean for the policy keyless derives', async () => {
    const { policyDocument } = await import('../src/index.js');
    const derived = JSON.stringify(policyDocument(derivation.requirements, render), null, 2);
    const result = await checkPolicy({
      deployed: [parseDeployed('derived.json', derived)],
      derivation,
      render,
      data,
    });
    expect(result.findings).toEqual([]);
  });

  it('without code, makes the checks that need none', async () => {
    const result = await checkPolicy({ deployed: [parseDeployed('policy.json', text)], data });
    expect(
      result.findings.some((f) => f.ruleId === 'policy-unused-grant' || f.ruleId === 'policy-missing-grant'),
    ).toBe(false);
    expect(result.findings.find((f) => f.ruleId === 'policy-wildcard-action')?.message).toContain(
      'list the actions',
    );
  });
});

describe('checkPolicy on a CloudFormation template', () => {
  const template = [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Resources:',
    '  ReportsRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      AssumeRolePolicyDocument:',
    '        Statement:',
    '          - Effect: Allow',
    '            Principal: { Service: [lambda.amazonaws.com, ecs-tasks.amazonaws.com] }',
    '            Action: sts:AssumeRole',
    '      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]',
    '      Policies:',
    '        - PolicyName: reports',
    '          PolicyDocument:',
    '            Statement:',
    '              - Effect: Allow',
    '                Action: [s3:GetObject]',
    '                Resource: !Sub "arn:${AWS::Partition}:s3:::acme-reports/*"',
    '              - Effect: Allow',
    '                Action: s3:ListBucket',
    '                Resource: !Sub "arn:${AWS::Partition}:s3:::acme-reports"',
    '  QueuePolicy:',
    '    Type: AWS::IAM::Policy',
    '    Properties:',
    '      PolicyName: queue',
    '      Roles: [!Ref ReportsRole]',
    '      PolicyDocument:',
    '        Statement:',
    '          - Effect: Allow',
    '            Action: sqs:SendMessage',
    '            Resource: !GetAtt Jobs.Arn',
    '  Export:',
    '    Type: AWS::Lambda::Function',
    '    Properties: { Role: !GetAtt ReportsRole.Arn }',
    '  Import:',
    '    Type: AWS::Lambda::Function',
    '    Properties: { Role: !GetAtt ReportsRole.Arn }',
  ].join('\n');

  it('reads Fn::Sub resources, attached policies and users; reports the shared role and the unread managed policy', async () => {
    const deployed = parseDeployed('template.yaml', template);
    expect(deployed.kind).toBe('cloudformation');
    const result = await checkPolicy({ deployed: [deployed], derivation, render, data });
    expect(brief(result)).toEqual([`policy-shared-role template.yaml:${lineOf(template, '  ReportsRole:')}`]);
    expect(result.findings[0]?.message).toContain(
      'is given to Export, Import and trusts lambda.amazonaws.com, ecs-tasks.amazonaws.com',
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(
        'arn:aws:iam::aws:policy/ReadOnlyAccess is attached but not in the checked files',
      ),
    ]);
  });
});

describe('checkPolicy on a Terraform plan', () => {
  const policy = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const plan = {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_role.reports',
            mode: 'managed',
            type: 'aws_iam_role',
            name: 'reports',
            values: {
              name: 'reports',
              assume_role_policy: policy([
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ]),
            },
          },
          {
            address: 'aws_iam_role.other',
            mode: 'managed',
            type: 'aws_iam_role',
            name: 'other',
            values: { name: 'other', assume_role_policy: policy([]) },
          },
          {
            address: 'aws_iam_role_policy.reports',
            mode: 'managed',
            type: 'aws_iam_role_policy',
            name: 'reports',
            values: {
              name: 'reports',
              role: 'reports',
              policy: policy([
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 's3:ListBucket', 'sqs:SendMessage'],
                  Resource: [
                    'arn:aws:s3:::acme-reports',
                    'arn:aws:s3:::acme-reports/*',
                    'arn:aws:sqs:eu-west-1:111122223333:jobs',
                  ],
                },
              ]),
            },
          },
          {
            address: 'aws_iam_role_policy.later',
            mode: 'managed',
            type: 'aws_iam_role_policy',
            name: 'later',
            values: { name: 'later' },
          },
        ],
      },
    },
    configuration: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_role_policy.later',
            expressions: { role: { references: ['aws_iam_role.other.id', 'aws_iam_role.other'] } },
          },
        ],
      },
    },
  };
  const text = JSON.stringify(plan, null, 2);

  it('needs --role when there are several roles, then finds each grant the code does not use on that resource', async () => {
    const deployed = parseDeployed('plan.json', text);
    expect(deployed.kind).toBe('terraform-plan');
    await expect(checkPolicy({ deployed: [deployed], derivation, render, data })).rejects.toThrow(
      'the checked files define 2 roles (aws_iam_role.reports, aws_iam_role.other); name the one this code runs as with --role',
    );
    const result = await checkPolicy({ deployed: [deployed], derivation, render, data, role: 'reports' });
    expect(result.compared).toBe('aws_iam_role.reports');
    const line = lineOf(text, '"address": "aws_iam_role_policy.reports"') - 1;
    expect(
      result.findings.map((f) => `${f.ruleId} ${f.line} ${f.message.replace(/^.*?: /, '')}`).sort(),
    ).toEqual(
      [
        `policy-unused-grant ${line} s3:GetObject on arn:aws:s3:::acme-reports is granted but the code uses it only on arn:aws:s3:::acme-reports/reports/*`,
        `policy-unused-grant ${line} s3:GetObject on arn:aws:sqs:eu-west-1:111122223333:jobs is granted but the code uses it only on arn:aws:s3:::acme-reports/reports/*`,
        `policy-unused-grant ${line} s3:ListBucket on arn:aws:s3:::acme-reports/* is granted but the code uses it only on arn:aws:s3:::acme-reports`,
        `policy-unused-grant ${line} s3:ListBucket on arn:aws:sqs:eu-west-1:111122223333:jobs is granted but the code uses it only on arn:aws:s3:::acme-reports`,
        `policy-unused-grant ${line} sqs:SendMessage on arn:aws:s3:::acme-reports is granted but the code uses it only on arn:aws:sqs:eu-west-1:111122223333:jobs`,
        `policy-unused-grant ${line} sqs:SendMessage on arn:aws:s3:::acme-reports/* is granted but the code uses it only on arn:aws:sqs:eu-west-1:111122223333:jobs`,
        `policy-resource-type-mismatch ${line} arn:aws:s3:::acme-reports is not a resource s3:GetObject takes (accesspointobject, object), so it grants nothing there`,
        `policy-resource-type-mismatch ${line} arn:aws:sqs:eu-west-1:111122223333:jobs is not a resource s3:GetObject takes (accesspointobject, object), so it grants nothing there`,
        `policy-resource-type-mismatch ${line} arn:aws:s3:::acme-reports/* is not a resource s3:ListBucket takes (accesspoint, bucket), so it grants nothing there`,
        `policy-resource-type-mismatch ${line} arn:aws:sqs:eu-west-1:111122223333:jobs is not a resource s3:ListBucket takes (accesspoint, bucket), so it grants nothing there`,
        `policy-resource-type-mismatch ${line} arn:aws:s3:::acme-reports is not a resource sqs:SendMessage takes (queue), so it grants nothing there`,
        `policy-resource-type-mismatch ${line} arn:aws:s3:::acme-reports/* is not a resource sqs:SendMessage takes (queue), so it grants nothing there`,
      ].sort(),
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      'aws_iam_role_policy.later: its policy is not known in this plan (computed at apply); check the state after apply (`terraform show -json`)',
    ]);
  });
});

describe(parseDeployed.name, () => {
  const fails = (file: string, text: string) => {
    try {
      parseDeployed(file, text);
    } catch (e: unknown) {
      return String((e as Error).message);
    }
    return 'parsed';
  };
  it('says which file and line is wrong, and what it expected', () => {
    expect(fails('p.json', '{\n  "Statement": [\n    { "Effect": "Allow", }\n  ]\n}')).toMatch(
      /^p\.json:3:\d+: not valid JSON/,
    );
    expect(
      fails(
        'p.json',
        '{\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject" },\n    { "Effect": "Permit", "Action": "s3:GetObject" }\n  ]\n}',
      ),
    ).toBe('p.json:4: p.json: statement 2: "Effect" must be "Allow" or "Deny", got "Permit"');
    expect(
      fails(
        'p.json',
        '{ "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject" }] }',
      ),
    ).toContain('statement 1 needs exactly one of "Action" and "NotAction"');
    expect(fails('t.yaml', 'Resources:\n  R:\n    Type: AWS::IAM::Role\n  R: {}\n')).toMatch(
      /^t\.yaml:4:\d+: not valid JSON or YAML: Map keys must be unique/,
    );
    expect(fails('x.json', '{ "hello": 1 }')).toContain('x.json:1: not an IAM policy (no "Statement")');
    const badPolicy = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_iam_role.x', type: 'aws_iam_role', values: { name: 'x' } },
            {
              address: 'aws_iam_role_policy.x',
              type: 'aws_iam_role_policy',
              values: { role: 'x', policy: '{"Statement": [' },
            },
          ],
        },
      },
    });
    expect(fails('plan.json', badPolicy)).toMatch(
      /^plan\.json:1: aws_iam_role_policy\.x: policy is not valid JSON/,
    );
  });
});
