import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyProfile, resolveConfig } from './resolveConfig.js';
import { describeSettings, resolveSettings } from './settingTable.js';

describe(resolveConfig.name, () => {
  it('has the documented defaults', () => {
    const config = resolveConfig({ env: { HOME: '/home/app' } });
    expect(config).toMatchObject({
      sources: ['lambda', 'env-session', 'profile-chain', 'container', 'web-identity', 'imds'],
      staticKeys: 'warn',
      prefetch: true,
      profile: 'default',
      files: { credentials: join('/home/app', '.aws/credentials'), config: join('/home/app', '.aws/config') },
    });
    const settings = applyProfile(config, {});
    expect(settings.imds).toEqual({
      endpoint: 'http://169.254.169.254',
      explicitEndpoint: false,
      disabled: false,
      allowV1: false,
      timeoutMs: 1000,
      maxAttempts: 3,
      instanceProfileName: undefined,
    });
    expect(settings.webIdentity.region).toBe('us-east-1');
  });

  it('takes init over env over profile over defaults', () => {
    const env = {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:1111',
      AWS_EC2_METADATA_V1_DISABLED: 'false',
      AWS_METADATA_SERVICE_TIMEOUT: '2.5',
      AWS_PROFILE: 'ops',
    };
    const profile = {
      ec2_metadata_service_endpoint: 'http://127.0.0.1:2222',
      ec2_metadata_v1_disabled: 'true',
      metadata_service_timeout: '9',
      metadata_service_num_attempts: '5',
      region: 'eu-central-1',
    };
    const fromEnv = applyProfile(resolveConfig({ env }), profile);
    expect(fromEnv.imds).toMatchObject({
      endpoint: 'http://127.0.0.1:1111',
      allowV1: true,
      timeoutMs: 2500,
      maxAttempts: 5,
    });
    expect(fromEnv.webIdentity.region).toBe('eu-central-1');
    const fromInit = applyProfile(
      resolveConfig({
        env,
        profile: 'other',
        imds: { endpoint: 'http://127.0.0.1:3333', allowV1: false, timeoutMs: 100 },
      }),
      profile,
    );
    expect(fromInit.imds).toMatchObject({
      endpoint: 'http://127.0.0.1:3333',
      allowV1: false,
      timeoutMs: 100,
      explicitEndpoint: true,
    });
    expect(resolveConfig({ env, profile: 'other' }).profile).toBe('other');
    const fromProfile = applyProfile(resolveConfig({ env: {} }), profile);
    expect(fromProfile.imds).toMatchObject({
      endpoint: 'http://127.0.0.1:2222',
      allowV1: false,
      timeoutMs: 9000,
    });
  });

  it('picks the IPv6 address in IPv6 endpoint mode', () => {
    const settings = applyProfile(
      resolveConfig({ env: { AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: 'IPv6' } }),
      {},
    );
    expect(settings.imds.endpoint).toBe('http://[fd00:ec2::254]');
  });

  it('reads the container, web identity and static key variables', () => {
    const config = resolveConfig({
      env: {
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x',
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/run/token',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/token',
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/r',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_DEFAULT_REGION: 'ap-south-1',
        AWS_ACCESS_KEY_ID: 'AKID',
        AWS_SECRET_ACCESS_KEY: 's',
      },
    });
    expect(config.container).toMatchObject({ relativeUri: '/v2/credentials/x', tokenFile: '/run/token' });
    expect(applyProfile(config, {}).webIdentity).toMatchObject({
      stsEndpoint: 'http://127.0.0.1:9',
      region: 'ap-south-1',
    });
    expect(config.envKeys).toMatchObject({ accessKeyId: 'AKID', secretAccessKey: 's' });
  });

  it.each([
    [{ sources: ['ec2'] }, /sources must be an array/],
    [{ sources: ['imds', 'imds'] }, /must not repeat/],
    [{ staticKeys: 'loud' }, /staticKeys must be/],
    [{ imds: { endpoint: 'ftp://x' } }, /imds.endpoint must be an http\(s\) URL/],
    [{ imds: { maxAttempts: 0 } }, /imds.maxAttempts/],
    [{ advisoryWindowMs: 1000, mandatoryWindowMs: 5000 }, /must not exceed/],
    [{ staticCredentials: { accessKeyId: 'x' } }, /staticCredentials/],
    [{ env: { AWS_EC2_METADATA_DISABLED: 'yes' } }, /AWS_EC2_METADATA_DISABLED must be "true" or "false"/],
    [
      { env: { AWS_METADATA_SERVICE_TIMEOUT: '-1' } },
      /AWS_METADATA_SERVICE_TIMEOUT must be a number of seconds in \(0, 3600\], got "-1"/,
    ],
    [
      { env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: 'not a url' } },
      /AWS_EC2_METADATA_SERVICE_ENDPOINT must be an http/,
    ],
  ])('throws a TypeError naming the bad option or variable %#', (init, message) => {
    expect(() => resolveConfig(init as never)).toThrow(TypeError);
    expect(() => resolveConfig(init as never)).toThrow(message);
  });

  it.each([
    [
      { env: { AWS_METADATA_SERVICE_TIMEOUT: '2147484' } },
      /AWS_METADATA_SERVICE_TIMEOUT must be a number of seconds in \(0, 3600\]/,
    ],
    [{ env: { AWS_METADATA_SERVICE_TIMEOUT: 'Infinity' } }, /AWS_METADATA_SERVICE_TIMEOUT must be/],
    [
      { env: { AWS_METADATA_SERVICE_NUM_ATTEMPTS: '100000000' } },
      /AWS_METADATA_SERVICE_NUM_ATTEMPTS must be an integer from 1 to 10, got "100000000"/,
    ],
    [{ imds: { timeoutMs: 2 ** 31 } }, /imds.timeoutMs must be a number of milliseconds in \(0, 3600000\]/],
    [{ imds: { maxAttempts: 1e9 } }, /imds.maxAttempts must be an integer from 1 to 10/],
  ])(
    'refuses a setting that would overflow a timer at construction, naming it and the range %#',
    (init, message) => {
      expect(() => resolveConfig(init as never)).toThrow(TypeError);
      expect(() => resolveConfig(init as never)).toThrow(message);
    },
  );

  it('gives every setting its origin from the one table: init, env, profile, default', () => {
    const config = resolveConfig({
      imds: { timeoutMs: 250 },
      env: {
        AWS_REGION: 'eu-north-1',
        AWS_PROFILE: 'ops',
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'x'.repeat(12),
      },
    });
    const shown = describeSettings(applyProfile(config, { metadata_service_num_attempts: '2' }).values);
    const byName = new Map(shown.map((s) => [s.name, s]));
    expect(byName.get('imds.timeoutMs')).toEqual({
      name: 'imds.timeoutMs',
      value: 250,
      origin: 'init',
      from: 'imds.timeoutMs',
    });
    expect(byName.get('region')).toEqual({
      name: 'region',
      value: 'eu-north-1',
      origin: 'env',
      from: 'AWS_REGION',
    });
    expect(byName.get('imds.maxAttempts')).toEqual({
      name: 'imds.maxAttempts',
      value: 2,
      origin: 'profile',
      from: 'metadata_service_num_attempts in profile "ops"',
    });
    expect(byName.get('imds.disabled')).toEqual({ name: 'imds.disabled', value: false, origin: 'default' });
    // A token is shown only by its length.
    expect(byName.get('container.authorizationToken')?.value).toBe('set (12 chars)');
    expect(JSON.stringify(shown)).not.toContain('x'.repeat(12));
  });

  it('shows a container URL without its password or query string', () => {
    const password = randomBytes(12).toString('base64url');
    const query = randomBytes(24).toString('base64url');
    const config = resolveConfig({
      env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://app:${password}@127.0.0.1:9/creds?token=${query}` },
    });
    const shown = describeSettings(applyProfile(config, {}).values);
    expect(shown.find((s) => s.name === 'container.fullUri')?.value).toBe(
      'http://****@127.0.0.1:9/creds?****',
    );
    expect(JSON.stringify(shown)).not.toContain(password);
    expect(JSON.stringify(shown)).not.toContain(query);
  });

  it('a profile role_arn is a web identity setting only next to a web identity token file', () => {
    const config = resolveConfig({ env: {} });
    expect(
      applyProfile(config, { role_arn: 'arn:aws:iam::111122223333:role/r' }).webIdentity.roleArn,
    ).toBeUndefined();
    expect(
      applyProfile(config, { role_arn: 'arn:aws:iam::111122223333:role/r', web_identity_token_file: '/t' })
        .webIdentity.roleArn,
    ).toBe('arn:aws:iam::111122223333:role/r');
    expect(resolveSettings({}, {})['imds.endpoint']).toEqual({
      value: 'http://169.254.169.254',
      origin: 'default',
    });
  });

  it('turns a bad profile value into a non-recoverable error naming the key', () => {
    expect(() => applyProfile(resolveConfig({ env: {} }), { metadata_service_num_attempts: 'many' })).toThrow(
      expect.objectContaining({
        recoverable: false,
        message: expect.stringMatching(/metadata_service_num_attempts in profile "default"/),
      }),
    );
  });
});
