import { fakeAccessKeyId } from '@keyless/test-support';
import AWS from 'aws-sdk';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { InstanceRoleCredentials } from './InstanceRoleCredentials.js';
import type { V2Credentials } from './V2Credentials.js';

const provider = Object.assign(
  async () => ({ accessKeyId: 'a', secretAccessKey: 'b', source: 'imds' as const }),
  {
    invalidate: () => {},
    close: () => {},
  },
);

describe(InstanceRoleCredentials.name, () => {
  it('types as an AWS.Credentials wherever v2 takes one', () => {
    expectTypeOf<InstanceRoleCredentials>().toExtend<V2Credentials>();
    const creds = new InstanceRoleCredentials({ provider });
    // Plain assignability, as v2's own signatures check it.
    const asV2: AWS.Credentials = creds;
    expect(asV2).toBe(creds);
    const s3 = new AWS.S3({ region: 'us-east-1', credentials: creds });
    expect(s3.config.credentials).toBe(creds);
    const config = new AWS.Config({ credentials: creds });
    expect(config.credentials).toBe(creds);
  });

  it('is the app’s AWS.Credentials, from the module given as awsSdk too', () => {
    expect(new InstanceRoleCredentials({ provider, awsSdk: AWS })).toBeInstanceOf(AWS.Credentials);
    expect(new InstanceRoleCredentials({ provider })).toBeInstanceOf(InstanceRoleCredentials);
    expect({}).not.toBeInstanceOf(InstanceRoleCredentials);
    expect(new AWS.Credentials('a', 'b')).not.toBeInstanceOf(InstanceRoleCredentials);
  });

  it('applies expiryWindow', () => {
    expect(new InstanceRoleCredentials({ provider, expiryWindow: 60 }).expiryWindow).toBe(60);
  });

  it.each<[string, object]>([
    ['a provider without invalidate/close', { provider: async () => ({}) }],
    ['a provider with fromInstanceRole options beside it', { provider, staticKeys: 'deny' }],
    ['an awsSdk without Credentials', { awsSdk: {} }],
    ['a negative expiryWindow', { provider, expiryWindow: -1 }],
    ['half of the static keys', { staticCredentials: { accessKeyId: fakeAccessKeyId() }, env: {} }],
  ])('rejects %s with a TypeError', (_label, init) => {
    expect(() => new InstanceRoleCredentials(init as never)).toThrow(TypeError);
  });
});
