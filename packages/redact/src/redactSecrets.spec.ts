import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAccessKeyId } from './maskAccessKeyId.js';
import { REDACTED, redactSecrets } from './redactSecrets.js';
import { redactionVectors } from './vectors.js';

const vectors = redactionVectors();

describe(redactSecrets.name, () => {
  it.each(vectors.redact)('$name', (v) => {
    const out = redactSecrets(v.input, v);
    expect(out).toBe(v.expected);
    for (const secret of v.secrets) if (!/^A[A-Z]{3}/.test(secret)) expect(out).not.toContain(secret);
  });

  it('fills every vector with fresh values on each call', () => {
    const again = redactionVectors();
    expect(again.redact.map((v) => v.input)).not.toEqual(vectors.redact.map((v) => v.input));
  });

  // Secrets of every shape a credential takes, in any text: none survives, whole or in part.
  const secretShapes = fc.oneof(
    fc.integer({ min: 30, max: 30 }).map((n) => randomBytes(n).toString('base64')), // secret access key
    fc.integer({ min: 100, max: 700 }).map((n) => randomBytes(n).toString('base64')), // session token
    // bearer tokens; shorter unknown ones can read as words (see redactSecrets), hence `known`
    fc.integer({ min: 32, max: 96 }).map((n) => randomBytes(n).toString('base64url')),
    fc
      .integer({ min: 8, max: 40 })
      .map(
        (n) =>
          `eyJ${randomBytes(n).toString('base64url')}.${randomBytes(n).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
      ),
    fc.integer({ min: 16, max: 40 }).map((n) => randomBytes(n).toString('hex')),
  );
  const words = fc.array(
    fc.constantFrom('failed', 'token', ':', '(', ')', '"', '\n', 'Code', '=', 'at', ' '),
    {
      maxLength: 6,
    },
  );

  it('removes generated secrets of every shape from any surrounding text', () => {
    fc.assert(
      fc.property(words, secretShapes, words, fc.option(fc.nat(400)), (before, secret, after, maxLength) => {
        const text = `${before.join(' ')} ${secret} ${after.join(' ')}`;
        const out = redactSecrets(text, maxLength === null ? {} : { maxLength });
        // No 12-character window of the secret may survive (a cut never exposes a piece of it).
        for (let i = 0; i + 12 <= secret.length; i += 6) expect(out).not.toContain(secret.slice(i, i + 12));
        if (maxLength !== null) expect(out.length).toBeLessThanOrEqual(Math.max(maxLength, 1));
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('masks key ids of every prefix and never prints more than eight of their characters', () => {
    const base32 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
      minLength: 16,
      maxLength: 16,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA', 'ABIA', 'ACCA', 'A3T7'),
        base32,
        (prefix, rest) => {
          const id = prefix + rest;
          expect(redactSecrets(`key ${id}.`)).toBe(`key ${maskAccessKeyId(id)}.`);
        },
      ),
    );
  });

  it('passes the known values through unchanged when they are too short to be secrets', () => {
    expect(redactSecrets('a b c', { known: ['a', undefined, 'b c'] })).toBe('a b c');
  });

  it('uses one mask for every removed secret', () => {
    expect(redactSecrets(randomBytes(30).toString('base64'))).toBe(REDACTED);
  });
});

describe(maskAccessKeyId.name, () => {
  it.each(vectors.mask)('$name', (v) => {
    expect(maskAccessKeyId(v.input)).toBe(v.expected);
  });
});
