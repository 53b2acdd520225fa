import { describe, expect, it } from 'vitest';
import { classifyRequest } from './classifyRequest.js';

describe(classifyRequest.name, () => {
  it.each([
    ['PUT', '/latest/api/token', '', 'imds-token'],
    ['PUT', '/2021-03-23/api/token', '', 'imds-token'],
    ['GET', '/latest/meta-data/iam/security-credentials/', '', 'imds-role-list'],
    ['GET', '/latest/meta-data/iam/security-credentials-extended', '', 'imds-role-list'],
    ['GET', '/latest/meta-data/iam/security-credentials/my-role', '', 'imds-credentials'],
    ['GET', '/latest/meta-data/iam/security-credentials-extended/my-role/', '', 'imds-credentials'],
    ['GET', '/latest/meta-data/iam/info', '', 'imds-other'],
    ['GET', '/', '', 'imds-other'],
    ['GET', '/', 'Action=GetCallerIdentity', 'sts'],
    ['POST', '/', '', 'sts'],
    ['GET', '/v2/credentials/abc', '', 'container'],
    ['GET', '/v1/credentials', '', 'container'],
    ['GET', '/v3/credentials', '', 'other'],
    ['GET', '/latestx/meta-data', '', 'other'],
    ['PUT', '/s3/my-bucket/a/b.txt', 'x-id=PutObject', 's3'],
    ['GET', '/s3/my-bucket/', 'list-type=2', 's3'],
    ['GET', '/s3', '', 's3'],
    ['GET', '/s3x/my-bucket', '', 'other'],
    ['GET', '/federation/credentials', 'role_name=Dev&account_id=111122223333', 'sso'],
    ['GET', '/federation/credentials/', '', 'other'],
  ])('%s %s?%s is %s', (method, path, query, kind) => {
    expect(classifyRequest(method, path, new URLSearchParams(query))).toBe(kind);
  });
});
