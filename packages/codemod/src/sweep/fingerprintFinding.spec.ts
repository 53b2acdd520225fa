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
    expect(fingerprintFinding(moved, 'src/a.ts', '', 0)).toBe(fingerprintFinding(base, 'src/a.ts', '', 0));
  });

  it('changes with the rule, the path, the key and the occurrence', () => {
    const fp = fingerprintFinding(base, 'src/a.ts', '', 0);
    expect(fingerprintFinding({ ...base, ruleId: 'other' }, 'src/a.ts', '', 0)).not.toBe(fp);
    expect(fingerprintFinding(base, 'src/b.ts', '', 0)).not.toBe(fp);
    expect(fingerprintFinding({ ...base, keyHash: 'fedcba9876543210' }, 'src/a.ts', '', 0)).not.toBe(fp);
    expect(fingerprintFinding(base, 'src/a.ts', '', 1)).not.toBe(fp);
  });

  it('uses the secret hash when there is no key id', () => {
    const { keyHash: _k, ...noKey } = base;
    const a = fingerprintFinding({ ...noKey, secretHash: 'aaaaaaaaaaaaaaaa' }, 'src/a.ts', 'x', 0);
    expect(fingerprintFinding({ ...noKey, secretHash: 'aaaaaaaaaaaaaaaa' }, 'src/a.ts', 'y', 0)).toBe(a);
    expect(fingerprintFinding({ ...noKey, secretHash: 'bbbbbbbbbbbbbbbb' }, 'src/a.ts', 'x', 0)).not.toBe(a);
  });

  it('uses the whitespace-free source text when there is no key', () => {
    const { keyHash: _k, ...noKey } = base;
    const a = fingerprintFinding(noKey, 'src/a.ts', 'credentials: { accessKeyId }', 0);
    expect(fingerprintFinding(noKey, 'src/a.ts', 'credentials:{\n  accessKeyId }', 0)).toBe(a);
    expect(fingerprintFinding(noKey, 'src/a.ts', 'credentials: { secretAccessKey }', 0)).not.toBe(a);
  });
});
