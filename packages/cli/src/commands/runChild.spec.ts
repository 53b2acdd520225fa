import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { runEmulator } from './emulator.js';
import { runChild } from './runChild.js';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** An Io over buffers, with a hand-driven stand-in for the process's signals. */
function capture() {
  const captured = captureIo(process.cwd(), { PATH: process.env.PATH ?? '' });
  const listeners = new Set<(signal: NodeJS.Signals) => void>();
  const onSignal = (listener: (signal: NodeJS.Signals) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    ...captured,
    io: { ...captured.io, onSignal },
    signal: (signal: NodeJS.Signals) => {
      for (const listener of listeners) listener(signal);
    },
    listening: () => listeners.size,
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

// The child asks the emulator for a token and the role name through the variables it was given.
const ASK_IMDS = `const u = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
const t = await (await fetch(u + '/latest/api/token', { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
const r = await (await fetch(u + '/latest/meta-data/iam/security-credentials/', { headers: { 'x-aws-ec2-metadata-token': t } })).text();
console.log(u + ' ' + r); process.exitCode = 3;`;

describe(runChild.name, () => {
  it('`keyless emulator -- cmd` gives the command the emulator, passes its exit code through, then stops the emulator', async () => {
    const c = capture();
    const code = await runEmulator(
      ['--role', 'exec-role', '--', process.execPath, '--input-type=module', '-e', ASK_IMDS],
      c.io,
    );
    expect(code, c.err()).toBe(3);
    const [endpoint, role] = c.out().trim().split(' ');
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(role).toBe('exec-role');
    expect(c.out()).not.toContain('export ');
    await expect(fetch(`${endpoint}/latest/api/token`, { method: 'PUT' })).rejects.toThrow();
    expect(c.listening()).toBe(0);
  });

  it('passes a signal on to the command and reports the code the command exits with', async () => {
    const c = capture();
    const script =
      "process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(7); }); console.log('ready'); setInterval(() => {}, 1000);";
    const done = runChild({ command: [process.execPath, '-e', script], env: {} }, c.io);
    await until(() => c.out().includes('ready'));
    c.signal('SIGTERM');
    expect(await done).toBe(7);
    expect(c.out()).toBe('ready\ngot SIGTERM\n');
  });

  it('reports 128 + n when signal n ends the command', async () => {
    const c = capture();
    const done = runChild(
      { command: [process.execPath, '-e', "console.log('ready'); setInterval(() => {}, 1000);"], env: {} },
      c.io,
    );
    await until(() => c.out().includes('ready'));
    c.signal('SIGINT');
    expect(await done).toBe(128 + 2);
  });

  it('adds the variables to the environment it was given', async () => {
    const c = capture();
    const code = await runChild(
      {
        command: [process.execPath, '-e', 'console.log(process.env.FROM_IO, process.env.ADDED)'],
        env: { ADDED: 'added' },
      },
      { ...c.io, env: { ...c.io.env, FROM_IO: 'kept' } },
    );
    expect(code).toBe(0);
    expect(c.out()).toBe('kept added\n');
  });

  it('exits 127 with a message when the command cannot be started', async () => {
    const c = capture();
    expect(await runEmulator(['--', 'keyless-no-such-command-here'], c.io)).toBe(127);
    expect(c.err()).toMatch(/^keyless emulator: cannot run "keyless-no-such-command-here": .*ENOENT/);
  });

  it('exits 2 when nothing follows --', async () => {
    const c = capture();
    expect(await runEmulator(['--'], c.io)).toBe(2);
    expect(c.err()).toMatch(/^keyless emulator: expected a command after --/);
  });

  it('in the real process, a SIGTERM to keyless reaches the command, and keyless exits with its code', async () => {
    const script =
      "process.on('SIGTERM', () => { console.log('child got SIGTERM'); process.exit(5); }); console.log('ready'); setInterval(() => {}, 1000);";
    const keyless = spawn(process.execPath, [BIN, 'emulator', '--', process.execPath, '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    keyless.stdout.on('data', (chunk) => (out += chunk));
    await until(() => out.includes('ready'));
    keyless.kill('SIGTERM');
    const [code] = await once(keyless, 'exit');
    expect(code).toBe(5);
    expect(out).toBe('ready\nchild got SIGTERM\n');
  }, 30_000);
});
