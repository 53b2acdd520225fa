import { describe, expect, it } from 'vitest';
import { ImdsTokens } from './ImdsTokens.js';

describe(ImdsTokens.name, () => {
  it('accepts a token until its TTL ends on the injected clock', () => {
    const now = { ms: 0 };
    const tokens = new ImdsTokens({ now: () => now.ms });
    const t = tokens.issue(2);
    expect(tokens.isValid(t)).toBe(true);
    now.ms = 1_999;
    expect(tokens.isValid(t)).toBe(true);
    now.ms = 2_000;
    expect(tokens.isValid(t)).toBe(false);
  });

  it('rejects tokens it never issued and forgets all on invalidateAll', () => {
    const tokens = new ImdsTokens({ now: () => 0 });
    const a = tokens.issue(60);
    const b = tokens.issue(60);
    expect(a).not.toBe(b);
    expect(tokens.isValid('made-up')).toBe(false);
    tokens.invalidateAll();
    expect(tokens.isValid(a) || tokens.isValid(b)).toBe(false);
  });
});
