import { describe, expect, it } from 'vitest';
import type { Finding } from '../Finding.js';
import { fingerprintFinding } from './fingerprintFinding.js';

const base: Finding = {
  ruleId: 'aws-access-key-id',
  severity: 'error',
  file: 'src/a.ts',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 25,
  message: 'm',
  keyHash: '0123456789abcdef',
  fixable: true,
};

describe(fingerprintFinding.name, () => {
  it('does not change when the finding moves to another line', () => {
    const moved = { ...base, line: 40, endLine: 40, column: 1, endColumn: 21 };
    expect(fingerprintFinding(moved, { stablePath: 'src/a.ts', sourceText: '', occurrence: 0 })).toBe(
      fingerprintFinding(base, { stablePath: 'src/a.ts', sourceText: '', occurrence: 0 }),
    );
  });

  it('changes with the rule, the path, the key and the occurrence', () => {
    const fp = fingerprintFinding(base, { stablePath: 'src/a.ts', sourceText: '', occurrence: 0 });
    expect(
      fingerprintFinding(
        { ...base, ruleId: 'other' },
        { stablePath: 'src/a.ts', sourceText: '', occurrence: 0 },
      ),
    ).not.toBe(fp);
    expect(fingerprintFinding(base, { stablePath: 'src/b.ts', sourceText: '', occurrence: 0 })).not.toBe(fp);
    expect(
      fingerprintFinding(
        { ...base, keyHash: 'fedcba9876543210' },
        { stablePath: 'src/a.ts', sourceText: '', occurrence: 0 },
      ),
    ).not.toBe(fp);
    expect(fingerprintFinding(base, { stablePath: 'src/a.ts', sourceText: '', occurrence: 1 })).not.toBe(fp);
  });

  it('uses the secret hash when there is no key id', () => {
    const { keyHash: _k, ...noKey } = base;
    const a = fingerprintFinding(
      { ...noKey, secretHash: 'aaaaaaaaaaaaaaaa' },
      { stablePath: 'src/a.ts', sourceText: 'x', occurrence: 0 },
    );
    expect(
      fingerprintFinding(
        { ...noKey, secretHash: 'aaaaaaaaaaaaaaaa' },
        { stablePath: 'src/a.ts', sourceText: 'y', occurrence: 0 },
      ),
    ).toBe(a);
    expect(
      fingerprintFinding(
        { ...noKey, secretHash: 'bbbbbbbbbbbbbbbb' },
        { stablePath: 'src/a.ts', sourceText: 'x', occurrence: 0 },
      ),
    ).not.toBe(a);
  });

  it('uses the whitespace-free source text when there is no key', () => {
    const { keyHash: _k, ...noKey } = base;
    const a = fingerprintFinding(noKey, {
      stablePath: 'src/a.ts',
      sourceText: 'credentials: { accessKeyId }',
      occurrence: 0,
    });
    expect(
      fingerprintFinding(noKey, {
        stablePath: 'src/a.ts',
        sourceText: 'credentials:{\n  accessKeyId }',
        occurrence: 0,
      }),
    ).toBe(a);
    expect(
      fingerprintFinding(noKey, {
        stablePath: 'src/a.ts',
        sourceText: 'credentials: { secretAccessKey }',
        occurrence: 0,
      }),
    ).not.toBe(a);
  });
});
