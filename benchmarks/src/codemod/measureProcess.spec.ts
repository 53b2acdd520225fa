import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureProcess } from './measureProcess.js';

describe(measureProcess.name, () => {
  it('reports the exit code, the output and the memory of a whole process', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'measure-'));
    const run = await measureProcess({
      command: process.execPath,
      args: [
        '-e',
        'const b = Buffer.alloc(64 * 2 ** 20, 1); setTimeout(() => { console.log(b[0]); process.exit(3); }, 400);',
      ],
      cwd: dir,
      env: { PATH: process.env.PATH ?? '' },
      stdoutFile: join(dir, 'out'),
      stderrFile: join(dir, 'err'),
      timeoutMs: 20_000,
    });
    expect(run).toMatchObject({ exitCode: 3, timedOut: false });
    expect(await readFile(join(dir, 'out'), 'utf8')).toBe('1\n');
    expect(run.peakRssMb).toBeGreaterThan(64);
  });

  it('kills a process that outlives its time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'measure-'));
    const run = await measureProcess({
      command: process.execPath,
      args: ['-e', 'setInterval(() => {}, 1000);'],
      cwd: dir,
      env: {},
      stdoutFile: join(dir, 'out'),
      stderrFile: join(dir, 'err'),
      timeoutMs: 300,
    });
    expect(run.timedOut).toBe(true);
  });
});
