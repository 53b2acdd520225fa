import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FaultAction, type FaultSpec, startEmulator } from '@keyless/emulator';
import { afterAll, describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const home = mkdtempSync(join(tmpdir(), 'keyless-keepalive-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

// One-shot scripts, as users write them: nothing else keeps their event loop busy.
const SCRIPTS = {
  'ESM, top-level await': [
    '--input-type=module',
    '-e',
    `import { fromInstanceRole } from '@keyless/credentials';
     try { const c = await fromInstanceRole()(); console.log('resolved ' + c.source); }
     catch (e) { console.log('rejected ' + e.name); }`,
  ],
  'CJS, .then': [
    '-e',
    `const { fromInstanceRole } = require('@keyless/credentials');
     fromInstanceRole()().then((c) => console.log('resolved ' + c.source), (e) => console.log('rejected ' + e.name));`,
  ],
} as const;

// Every emulator fault, once, on the first request it matches: most make keyless retry or back off
// on an unref'd timer, which is where a script used to exit with no output.
const FAULTS: readonly FaultAction[] = [
  { type: 'latency', ms: 600 },
  { type: 'hang' },
  { type: 'reset' },
  { type: 'refuse' },
  { type: 'status', status: 503 },
  { type: 'status', status: 500 },
  { type: 'throttle', retryAfterSeconds: 0 },
  { type: 'malformed' },
  { type: 'partial' },
  { type: 'code', code: 'Failure' },
  { type: 'expired' },
  { type: 'near-expiry', remainingMs: 5_000 },
  { type: 'invalidate-tokens' },
  { type: 'no-ttl-header' },
  { type: 'imds-disabled' },
];
// After these, the one failed request is retried inside the same fetch, so the script must succeed.
const RETRIED = new Set([
  'latency',
  'reset',
  'status',
  'throttle',
  'partial',
  'invalidate-tokens',
  'no-ttl-header',
]);

function run(args: readonly string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, args, { cwd, env, timeout: 30_000 }, (_e, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout: stdout.trim(), stderr }),
    );
  });
}

const cases = Object.entries(SCRIPTS).flatMap(([script, args]) =>
  [
    ...FAULTS.map((fault) => ({ surface: 'imds', fault: { ...fault, times: 1 } as FaultSpec })),
    ...[{ type: 'status', status: 500 }, { type: 'reset' }, { type: 'hang' }].map((fault) => ({
      surface: 'container',
      fault: { ...fault, kind: 'container', times: 1 } as FaultSpec,
    })),
  ].map((c) => ({
    ...c,
    script,
    args,
    label: `${c.fault.type}${'status' in c.fault ? ` ${c.fault.status}` : ''}`,
  })),
);

describe('a one-shot script lives until its credentials arrive or fail', { timeout: 120_000 }, () => {
  it.concurrent.each(cases)(
    '$script, $surface $label: prints its result',
    async ({ surface, fault, args }) => {
      const emu = await startEmulator();
      try {
        emu.fault(fault);
        const endpoint =
          surface === 'imds'
            ? { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds }
            : {
                AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.endpoints.containerFullUri,
                AWS_CONTAINER_AUTHORIZATION_TOKEN: emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
              };
        // A clean AWS environment: only the endpoint under test.
        // A generous IMDS timeout: on a busy machine a first contact can take more than the default 1 s.
        const env = {
          PATH: process.env.PATH ?? '',
          HOME: home,
          AWS_METADATA_SERVICE_TIMEOUT: '5',
          ...endpoint,
        };
        const result = await run(args, env);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(
          new RegExp(`^(resolved ${surface}|rejected (CredentialsChainError|CredentialsProviderError))$`),
        );
        if (RETRIED.has(fault.type) || surface === 'container')
          expect(result.stdout).toBe(`resolved ${surface}`);
      } finally {
        await emu.stop();
      }
    },
  );
});
