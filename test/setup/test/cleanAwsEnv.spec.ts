import { describe, expect, it } from 'vitest';
import { cleanAwsEnv } from '../src/cleanAwsEnv.js';

describe(cleanAwsEnv.name, () => {
  it('removes every AWS_, ECS_ and LAMBDA_ variable and keeps the rest', () => {
    const env: NodeJS.ProcessEnv = {
      AWS_ACCESS_KEY_ID: 'x',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/1',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://169.254.169.254',
      aws_profile: 'lower',
      ECS_CONTAINER_METADATA_URI_V4: 'http://169.254.170.2/v4/1',
      LAMBDA_TASK_ROOT: '/var/task',
      HOME: '/home/me',
      PATH: '/bin',
      MY_AWS_THING: 'kept',
    };
    expect(cleanAwsEnv(env).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
      'AWS_EC2_METADATA_SERVICE_ENDPOINT',
      'ECS_CONTAINER_METADATA_URI_V4',
      'LAMBDA_TASK_ROOT',
      'aws_profile',
    ]);
    expect(env).toEqual({ HOME: '/home/me', PATH: '/bin', MY_AWS_THING: 'kept' });
  });

  it('has cleaned the environment this test file runs in', () => {
    expect(Object.keys(process.env).filter((n) => /^(AWS_|ECS_|LAMBDA_)/i.test(n))).toEqual([]);
  });
});
