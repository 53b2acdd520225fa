import { describe, expect, it } from 'vitest';
import { masked } from './masked.js';

describe(masked.name, () => {
  it('keeps the first and last four characters around an ellipsis', () => {
    expect(masked(['AKIA', 'ABCDEFGH', 'WXYZ'].join(''))).toBe('AKIA…WXYZ');
  });
});
