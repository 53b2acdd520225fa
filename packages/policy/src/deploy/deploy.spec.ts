// biome-ignore-all lint/suspicious/noTemplateCurlyInString: expected Terraform and CloudFormation interpolations
import { describe, expect, it } from 'vitest';
import type { Requirement } from '../map/mapCall.js';
import { detectPlatform } from './detectPlatform.js';
import { renderCloudFormation } from './renderCloudFormation.js';
import { renderTerraform } from './renderTerraform.js';
import { trustPolicy } from './trustPolicy.js';

const requirements: Requirement[] = [
  {
    action: 's3:GetObject',
    resource: [
      { text: 'arn:' },
      { placeholder: 'Partition' },
      { text: ':s3:::' },
      { env: 'BUCKET' },
      { text: '/reports/*' },
    ],
    file: 'a.ts',
    line: 1,
    derivation: 'test',
  },
  {
    action: 'sqs:SendMessage',
    resource: [{ env: 'JOBS_QUEUE_URL', transform: 'sqs-url-to-arn' }],
    file: 'a.ts',
    line: 2,
    derivation: 'test',
  },
  { action: 'cloudwatch:PutMetricData', resource: '*', file: 'a.ts', line: 3, derivation: 'test' },
];

describe(trustPolicy.name, () => {
  it('names the service principal of each platform, and the OIDC subject for IRSA', () => {
    expect(trustPolicy('ecs', '1', { issuer: 'i', namespace: 'n', serviceAccount: 's' })).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: ['sts:AssumeRole'] },
      ],
    });
    expect(
      JSON.stringify(
        trustPolicy('eks-pod-identity', '1', { issuer: 'i', namespace: 'n', serviceAccount: 's' }),
      ),
    ).toContain('"Action":["sts:AssumeRole","sts:TagSession"]');
    const irsa = trustPolicy('irsa', '111122223333', {
      issuer: 'oidc.eks.eu-west-1.amazonaws.com/id/ABC',
      namespace: 'shop',
      serviceAccount: 'orders',
    });
    expect(JSON.stringify(irsa)).toContain(
      '"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub":"system:serviceaccount:shop:orders"',
    );
    expect(JSON.stringify(irsa)).toContain(
      'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC',
    );
  });
});

describe(detectPlatform.name, () => {
  it('reads serverless/SAM, Kubernetes manifests and ECS task definitions', () => {
    expect(detectPlatform([{ file: 'serverless.yml', text: 'service: x' }])?.platform).toBe('lambda');
    expect(
      detectPlatform([{ file: 'template.yaml', text: 'Type: AWS::Serverless::Function' }])?.platform,
    ).toBe('lambda');
    expect(
      detectPlatform([
        {
          file: 'k8s/sa.yaml',
          text: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  annotations:\n    eks.amazonaws.com/role-arn: x\n',
        },
      ])?.platform,
    ).toBe('irsa');
    expect(
      detectPlatform([{ file: 'k8s/deploy.yaml', text: 'apiVersion: apps/v1\nkind: Deployment\n' }])
        ?.platform,
    ).toBe('eks-pod-identity');
    expect(
      detectPlatform([
        { file: 'Dockerfile', text: 'FROM node' },
        { file: 'ecs/task.json', text: '{"containerDefinitions": []}' },
      ]),
    ).toEqual({
      platform: 'ecs',
      evidence: 'ecs/task.json',
    });
    expect(detectPlatform([{ file: 'package.json', text: '{}' }])).toBeUndefined();
  });
});

describe(renderTerraform.name, () => {
  it('writes the role, its inline policy with data-source ARNs and variables, and an instance profile on EC2', () => {
    const tf = renderTerraform('reports', requirements, 'ec2');
    expect(tf).toContain('data "aws_partition" "current" {}');
    expect(tf).toContain('variable "bucket" {');
    expect(tf).toContain('"arn:${data.aws_partition.current.partition}:s3:::${var.bucket}/reports/*"');
    expect(tf).toContain('jobs_queue_url_name    = split("/", var.jobs_queue_url)[4]');
    expect(tf).toContain(
      ':sqs:${local.jobs_queue_url_region}:${local.jobs_queue_url_account}:${local.jobs_queue_url_name}"',
    );
    expect(tf).not.toContain('\\"');
    expect(tf).toContain('resource "aws_iam_instance_profile" "reports"');
    expect(tf).toContain('"ec2.amazonaws.com"');
    expect(renderTerraform('reports', requirements, 'lambda')).not.toContain('aws_iam_instance_profile');
    const table: Requirement = {
      action: 'dynamodb:GetItem',
      resource: [
        { text: 'arn:' },
        { placeholder: 'Partition' },
        { text: ':dynamodb:' },
        { placeholder: 'Region' },
        { text: ':' },
        { placeholder: 'Account' },
        { text: ':table/t' },
      ],
      file: 'a.ts',
      line: 4,
      derivation: 'test',
    };
    // `.region`, not `.name` (deprecated in the AWS provider v6).
    expect(renderTerraform('t', [table], 'ecs')).toContain(':dynamodb:${data.aws_region.current.region}:');
    // IRSA's OIDC provider is in the role's partition (aws-cn, aws-us-gov), not always `aws`.
    const irsa = renderTerraform('reports', requirements, 'irsa');
    expect(irsa).toContain(
      '"arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/${var.oidc_issuer}"',
    );
    const cfn = JSON.parse(renderCloudFormation('reports', requirements, 'irsa'));
    expect(cfn.Resources.ReportsRole.Properties.AssumeRolePolicyDocument['Fn::Sub']).toContain(
      'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${OidcIssuer}',
    );
  });
});

describe(renderCloudFormation.name, () => {
  it('writes AWS::IAM::Role with Fn::Sub resources and a parameter per environment value', () => {
    const template = JSON.parse(renderCloudFormation('reports', requirements, 'ecs'));
    expect(Object.keys(template.Parameters)).toEqual(['Bucket', 'JobsQueueUrl']);
    const role = template.Resources.ReportsRole;
    expect(role.Type).toBe('AWS::IAM::Role');
    expect(role.Properties.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({
      Service: 'ecs-tasks.amazonaws.com',
    });
    const resources = role.Properties.Policies[0].PolicyDocument.Statement.flatMap(
      (s: { Resource: unknown[] }) => s.Resource,
    );
    expect(resources).toContainEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/reports/*' });
    expect(resources).toContain('*');
    expect(JSON.stringify(resources)).toContain('"Ref":"JobsQueueUrl"');
    expect(template.Resources.ReportsInstanceProfile).toBeUndefined();
  });
});
