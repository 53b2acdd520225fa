import { describe, expect, it } from 'vitest';
import { isIgnoredInline } from './isIgnoredInline.js';

describe(isIgnoredInline.name, () => {
  const lines = [
    'const a = 1; // keyless-ignore -- test fixture',
    '// keyless-ignore',
    'const b = 2;',
    'const c = 3;',
    'const d = 4; // gitleaks:allow',
    '// pragma: allowlist nextline secret',
    'const e = 5;',
    '// gitleaks:allow',
    'const f = 6;',
  ];

  it('honours a marker on the same line', () => {
    expect(isIgnoredInline(lines, 1)).toBe(true);
    expect(isIgnoredInline(lines, 5)).toBe(true);
  });

  it('honours keyless-ignore and the nextline pragma on the line before', () => {
    expect(isIgnoredInline(lines, 3)).toBe(true);
    expect(isIgnoredInline(lines, 7)).toBe(true);
  });

  it('does not reach two lines down, nor take same-line-only markers from the line before', () => {
    expect(isIgnoredInline(lines, 4)).toBe(false);
    expect(isIgnoredInline(lines, 9)).toBe(false);
  });

  it('does not let a trailing marker on a code line silence the next line', () => {
    expect(isIgnoredInline(lines, 2)).toBe(true);
    expect(isIgnoredInline(['const a = 1; // keyless-ignore', 'const b = 2;'], 2)).toBe(false);
  });
});
