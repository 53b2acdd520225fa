import { fakeAccessKeyId } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../Finding.js';
import { codeFrame } from './codeFrame.js';

function finding(line: number, column: number, length: number): Finding {
  return {
    ruleId: 'aws-access-key-id',
    severity: 'error',
    file: 'a.js',
    line,
    column,
    endLine: line,
    endColumn: column + length,
    message: 'm',
    fixable: false,
  };
}

describe(codeFrame.name, () => {
  it('shows a line of context each side, masked', () => {
    const id = fakeAccessKeyId();
    const lines = ['const a = 1;', `const k = '${id}';`, 'const b = 2;'];
    const f = finding(2, 12, 20);
    expect(codeFrame(f, { lines, fileFindings: [f], kind: 'code' })).toEqual({
      startLine: 1,
      lines: ['const a = 1;', `const k = '${id.slice(0, 4)}…${id.slice(-4)}';`, 'const b = 2;'],
    });
  });

  it('follows a finding far along a long line, and clips the rest', () => {
    const id = fakeAccessKeyId();
    const filler = 'x'.repeat(300);
    const line = `var a="${filler}",k="${id}",b="${filler}";`;
    const f = finding(1, line.indexOf(id) + 1, 20);
    const [shown] = codeFrame(f, { lines: [line], fileFindings: [f], kind: 'code' }).lines;
    expect(shown).toContain(`k="${id.slice(0, 4)}…${id.slice(-4)}"`);
    expect(shown?.startsWith('…')).toBe(true);
    expect(shown?.endsWith('…')).toBe(true);
    expect(shown?.length).toBeLessThanOrEqual(160);
    expect(shown).not.toContain(id);
  });

  it('keeps short lines whole and starts long ones at the left when the finding is near it', () => {
    const id = fakeAccessKeyId();
    const line = `k="${id}";${'y'.repeat(400)}`;
    const f = finding(1, 4, 20);
    const [shown] = codeFrame(f, { lines: [line], fileFindings: [f], kind: 'code' }).lines;
    expect(shown?.startsWith('k="AKIA…')).toBe(true);
    expect(shown?.length).toBe(160);
  });
});
