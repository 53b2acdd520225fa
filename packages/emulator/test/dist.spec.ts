import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Paths held in variables so typecheck never depends on a build having run first.
const esmEntry = new URL('../dist/index.js', import.meta.url).href;
const cjsEntry = new URL('../dist/index.cjs', import.meta.url).pathname;

type Built = {
  startEmulator: (o?: object) => Promise<{ url: string; stop(): Promise<void> }>;
  parseFaultSpec: unknown;
};

describe('built package', () => {
  it('loads with import and with require, and the ESM build starts and stops', async () => {
    const esm = (await import(esmEntry)) as Built;
    const cjs = createRequire(import.meta.url)(cjsEntry) as Built;
    expect(typeof cjs.startEmulator).toBe('function');
    expect(typeof cjs.parseFaultSpec).toBe('function');
    const emu = await esm.startEmulator();
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await emu.stop();
  });
});
