import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));

// 300 providers, each with its own logger (its own configuration, so its own cache and background
// timer), called once and dropped without close(). Then the garbage collector runs.
// The logger is held by the cache and, through its closure, by the cache's pending timer: once it is
// collected, nothing of the provider is left running.
const SCRIPT = `
import { fromInstanceRole } from '@keyless/credentials';
const providers = [];
const loggers = [];
// In a function that returns, so no frame of the script still holds the last one.
async function useAndDrop() {
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const p = fromInstanceRole({ logger, staticKeys: 'allow' });
  await p();
  providers.push(new WeakRef(p));
  loggers.push(new WeakRef(logger));
}
for (let i = 0; i < 300; i++) await useAndDrop();
const alive = (refs) => refs.filter((r) => r.deref() !== undefined).length;
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
// deref() keeps its target alive until the current job ends, so the collector runs in a later one.
for (let i = 0; i < 20; i++) {
  await tick();
  globalThis.gc();
  await tick();
  if (alive(loggers) === 0) break;
}
console.log(JSON.stringify({ providers: alive(providers), caches: alive(loggers) }));
`;

describe('providers dropped without close()', () => {
  it('are collected, and their caches stop refreshing', async () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: '/nonexistent',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      // Expiring keys, so every cache arms a background refresh.
      AWS_ACCESS_KEY_ID: fakeAccessKeyId(),
      AWS_SECRET_ACCESS_KEY: fakeSecretAccessKey(),
      AWS_CREDENTIAL_EXPIRATION: new Date(Date.now() + 3_600_000).toISOString(),
    };
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--input-type=module', '-e', SCRIPT],
        { cwd, env, timeout: 60_000 },
        (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
      ),
    );
    const alive = JSON.parse(stdout.trim()) as { providers: number; caches: number };
    expect(alive.providers).toBe(0);
    // The leak was all 300; V8 does not promise to free every last object in a few collections, and
    // here one cache now and then survives the loop.
    expect(alive.caches).toBeLessThanOrEqual(1);
  }, 90_000);
});
