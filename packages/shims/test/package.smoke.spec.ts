import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the built package (dist/) in a fresh node process, as an app would load it.
const ROOT = resolve(import.meta.dirname, '../../..');
const EXPORTS = [
  'withInstanceRole',
  'InstanceRoleCredentials',
  'fromAssumedRole',
  'AssumedRoleCache',
  'withExpiredTokenRecovery',
  'expiredTokenRecoveryMiddleware',
  'getExpiredTokenRecoveryPlugin',
  'isExpiredTokenError',
];
const FAKE_PROVIDER = 'Object.assign(async () => ({}), { invalidate() {}, close() {} })';

function run(code: string, { esm = false, cwd = ROOT, preserveSymlinks = false } = {}) {
  const args = [
    ...(preserveSymlinks ? ['--preserve-symlinks'] : []),
    ...(esm ? ['--input-type=module'] : []),
    '-e',
    code,
  ];
  const result = spawnSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** A node_modules with everything this repo installed except aws-sdk. */
function appWithoutAwsSdk(): string {
  const app = mkdtempSync(join(tmpdir(), 'keyless-shims-no-v2-'));
  temp.push(app);
  mkdirSync(join(app, 'node_modules'));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === 'aws-sdk' || entry.startsWith('.')) continue;
    symlinkSync(join(ROOT, 'node_modules', entry), join(app, 'node_modules', entry));
  }
  writeFileSync(join(app, 'package.json'), '{"private":true}');
  return app;
}

describe('@keyless/shims as built', () => {
  it('require()s, exports the public API, and does not load aws-sdk until the v2 adapter is used', () => {
    const out = run(`
      const shims = require('@keyless/shims');
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('/node_modules/aws-sdk/'));
      const before = loaded();
      const creds = new shims.InstanceRoleCredentials({ provider: ${FAKE_PROVIDER} });
      const AWS = require('aws-sdk');
      console.log(JSON.stringify({
        names: Object.keys(shims), before, after: loaded(),
        isV2: creds instanceof AWS.Credentials, isShim: creds instanceof shims.InstanceRoleCredentials,
        className: creds.constructor.name,
      }));`);
    expect(out.names).toEqual(expect.arrayContaining(EXPORTS));
    // v2 names the class in "Could not load credentials from ..." errors.
    expect(out).toMatchObject({
      before: false,
      after: true,
      isV2: true,
      isShim: true,
      className: 'InstanceRoleCredentials',
    });
  });

  it('import()s as ESM and extends the app’s own AWS.Credentials', () => {
    const out = run(
      `
      import * as shims from '@keyless/shims';
      import { createRequire } from 'node:module';
      const require = createRequire(process.cwd() + '/');
      const before = Object.keys(require.cache).some((k) => k.includes('/node_modules/aws-sdk/'));
      const creds = new shims.InstanceRoleCredentials({ provider: ${FAKE_PROVIDER} });
      const AWS = require('aws-sdk');
      console.log(JSON.stringify({ names: Object.keys(shims), before, isV2: creds instanceof AWS.Credentials }));`,
      { esm: true },
    );
    expect(out.names).toEqual(expect.arrayContaining(EXPORTS));
    expect(out).toMatchObject({ before: false, isV2: true });
  });

  it.each([false, true])(
    'loads without aws-sdk installed (esm: %s); only the v2 adapter asks for it',
    (esm) => {
      const body = `
      let message = '';
      let cause = '';
      try { new shims.InstanceRoleCredentials({ provider: ${FAKE_PROVIDER} }); } catch (e) { message = e.message; cause = e.cause?.code; }
      const config = shims.withInstanceRole({ region: 'us-east-1' }, { env: {}, sources: [] });
      config.credentials.close();
      console.log(JSON.stringify({ message, cause, wrapped: typeof config.credentials }));`;
      const code = esm
        ? `import * as shims from '@keyless/shims';${body}`
        : `const shims = require('@keyless/shims');${body}`;
      const out = run(code, { esm, cwd: appWithoutAwsSdk(), preserveSymlinks: true });
      expect(out.message).toMatch(/needs the aws-sdk v2 package/);
      expect(out.cause).toBe('MODULE_NOT_FOUND');
      expect(out.wrapped).toBe('function');
    },
  );
});
