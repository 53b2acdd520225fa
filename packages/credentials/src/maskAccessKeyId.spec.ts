import { describe, expect, it } from 'vitest';
import { maskAccessKeyId } from './maskAccessKeyId.js';

describe(maskAccessKeyId.name, () => {
  it('keeps the first and last four characters of a 20-character id', () => {
    expect(maskAccessKeyId(['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''))).toBe('AKIA…MPLE');
  });

  it('never shows more than a quarter of a short id', () => {
    expect(maskAccessKeyId('AKID-1')).toBe('A…');
    expect(maskAccessKeyId('ABCDEFGHIJKLMNO')).toBe('ABC…');
  });

  it('masks empty and non-string input entirely', () => {
    expect(maskAccessKeyId('')).toBe('…');
    expect(maskAccessKeyId(undefined as never)).toBe('…');
  });
});
