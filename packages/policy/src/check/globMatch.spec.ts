// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ARN templates and IAM placeholders, not JS templates
import { describe, expect, it } from 'vitest';
import { actionMatches, fitsTemplate, resourceCovers } from './globMatch.js';

describe(actionMatches.name, () => {
  it('matches IAM action wildcards without case', () => {
    expect(actionMatches('s3:Get*', 's3:GetObject')).toBe(true);
    expect(actionMatches('S3:getobject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Put*', 's3:GetObject')).toBe(false);
    expect(actionMatches('*', 'sqs:SendMessage')).toBe(true);
    expect(actionMatches('sqs:Send', 'sqs:SendMessage')).toBe(false);
  });
});

describe(resourceCovers.name, () => {
  it('fills what the code does not know from the grant, but only a grant wildcard covers a need wildcard', () => {
    expect(resourceCovers('arn:aws:s3:::b/*', 'arn:${Partition}:s3:::b/reports/*')).toBe(true);
    expect(resourceCovers('arn:aws:s3:::b/reports/x', 'arn:aws:s3:::b/reports/*')).toBe(false);
    expect(resourceCovers('arn:aws:s3:::c/*', 'arn:aws:s3:::b/reports/*')).toBe(false);
    expect(resourceCovers('*', 'arn:aws:s3:::b')).toBe(true);
    expect(resourceCovers('arn:aws:s3:::acme', 'arn:${Partition}:s3:::${BUCKET}')).toBe(true);
    expect(resourceCovers('arn:aws:s3:::acme/*', 'arn:${Partition}:s3:::${BUCKET}')).toBe(false);
    expect(
      resourceCovers(
        'arn:aws:ssm:eu-west-1:1:parameter/app/db/*',
        'arn:aws:ssm:eu-west-1:1:parameter/${NAME}',
      ),
    ).toBe(true);
    expect(resourceCovers('arn:aws:sqs:eu-west-1:1:jobs', 'arn:aws:sqs:${Region}:${Account}:jobs')).toBe(
      true,
    );
    expect(resourceCovers('arn:aws:sqs:eu-west-1:1:jobs', 'arn:aws:sqs:eu-west-1:1:other')).toBe(false);
    expect(resourceCovers('arn:${AWS::Partition}:s3:::b', 'arn:aws:s3:::b')).toBe(true);
  });
});

describe(fitsTemplate.name, () => {
  const bucket = 'arn:${Partition}:s3:::${BucketName}';
  const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
  it('tells an object ARN from a bucket ARN, and accepts the usual suffixes of the last variable', () => {
    expect(fitsTemplate('arn:aws:s3:::b/*', bucket)).toBe(false);
    expect(fitsTemplate('arn:aws:s3:::b', bucket)).toBe(true);
    expect(fitsTemplate('arn:aws:s3:::b', object)).toBe(false);
    expect(fitsTemplate('arn:aws:s3:::b/k/*', object)).toBe(true);
    expect(fitsTemplate('arn:aws:s3:::*', object)).toBe(true);
    expect(
      fitsTemplate(
        'arn:aws:logs:eu-west-1:1:log-group:/x:*',
        'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}',
      ),
    ).toBe(true);
    expect(
      fitsTemplate(
        'arn:aws:dynamodb:*:*:table/orders',
        'arn:${Partition}:sqs:${Region}:${Account}:${QueueName}',
      ),
    ).toBe(false);
  });
});
