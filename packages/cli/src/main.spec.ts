import { describe, expect, it } from 'vitest';
import { captureIo } from '../test/captureIo.js';
import { main } from './main.js';

const capture = () => captureIo(process.cwd());

describe(main.name, () => {
  it('prints usage and exits 2 without a command', async () => {
    const c = capture();
    expect(await main([], c.io)).toBe(2);
    expect(c.out()).toMatch(/^Usage: keyless <command>/);
  });

  it('rejects an unknown command with exit 2 on stderr', async () => {
    const c = capture();
    expect(await main(['frobnicate'], c.io)).toBe(2);
    expect(c.err()).toContain("unknown command 'frobnicate'");
  });

  it('prints the package version', async () => {
    const c = capture();
    expect(await main(['--version'], c.io)).toBe(0);
    expect(c.out().trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
