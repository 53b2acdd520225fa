import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const EXPORTS = [
  'fromInstanceRole',
  'RefreshCache',
  'CredentialsProviderError',
  'maskAccessKeyId',
  'CHANNELS',
];

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 15_000 });
}

describe('the built package', () => {
  it('imports as ESM and requires as CommonJS', () => {
    const list = JSON.stringify(EXPORTS);
    const esm = node([
      '--input-type=module',
      '-e',
      `import * as m from '@keyless/credentials'; console.log(${list}.filter((k) => !(k in m)).join(','))`,
    ]);
    const cjs = node([
      '-e',
      `const m = require('@keyless/credentials'); console.log(${list}.filter((k) => !(k in m)).join(','))`,
    ]);
    expect([esm.status, esm.stdout.trim(), esm.stderr]).toEqual([0, '', '']);
    expect([cjs.status, cjs.stdout.trim(), cjs.stderr]).toEqual([0, '', '']);
  });

  it("lets the process exit while a background refresh is scheduled (the timer is unref'd)", () => {
    const script = `
      import { RefreshCache } from '@keyless/credentials';
      const cache = new RefreshCache({
        fetch: async () => ({ accessKeyId: 'AKID', secretAccessKey: 's', expiration: new Date(Date.now() + 6 * 3600e3) }),
      });
      await cache.get();
      console.log('resolved');`;
    const run = node(['--input-type=module', '-e', script]);
    expect(run.signal).toBeNull();
    expect([run.status, run.stdout.trim()]).toEqual([0, 'resolved']);
  });
});
