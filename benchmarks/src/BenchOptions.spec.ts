import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './BenchOptions.js';

describe(parseBenchArgs.name, () => {
  it('runs the full profile by default and the quick one with --quick', () => {
    expect(parseBenchArgs([])).toMatchObject({ profile: { name: 'full' }, only: undefined });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ profile: { name: 'quick' } });
  });

  it('narrows to the figures named by --only', () => {
    const options = parseBenchArgs(['--only=outage,codemod']);
    expect(options !== 'help' && [...(options.only ?? [])]).toEqual(['outage', 'codemod']);
  });

  it('rejects an unknown figure or argument with a TypeError', () => {
    expect(() => parseBenchArgs(['--only=warp'])).toThrow(TypeError);
    expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown argument "--fast"/);
  });
});
