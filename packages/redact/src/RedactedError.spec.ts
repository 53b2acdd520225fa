import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedactedError, redactError } from './RedactedError.js';

const token = () => randomBytes(40).toString('base64url');

describe(redactError.name, () => {
  it('copies name, code and the whole cause chain with every secret removed', () => {
    const jwt = `eyJ${token()}.${token()}.${token()}`;
    const password = token();
    const inner = Object.assign(new Error(`connect ECONNRESET http://u:${password}@127.0.0.1:9/?t=${jwt}`), {
      code: 'ECONNRESET',
      request: { headers: { authorization: jwt } },
    });
    const outer = new TypeError(`fetch failed for ${jwt}`, { cause: inner });
    const copy = redactError(outer);
    const serialised = JSON.stringify(copy, Object.getOwnPropertyNames(copy)) + String(copy.stack);
    const cause = copy.cause as RedactedError;
    expect(copy).toBeInstanceOf(RedactedError);
    expect(copy.name).toBe('TypeError');
    expect(copy.message).toBe('fetch failed for ****');
    expect(cause.code).toBe('ECONNRESET');
    expect(cause.message).toBe('connect ECONNRESET http://****@127.0.0.1:9/?****');
    expect('request' in cause).toBe(false);
    for (const secret of [jwt, password]) {
      expect(serialised).not.toContain(secret);
      expect(String(cause.stack)).not.toContain(secret);
    }
  });

  it('removes known values verbatim, in the message and in the cause', () => {
    const known = 'plain words that are secret';
    const copy = redactError(new Error(`bad ${known}`, { cause: `also ${known}` }), { known: [known] });
    expect(copy.message).toBe('bad ****');
    expect((copy.cause as Error).message).toBe('also ****');
  });

  it('never serialises a thrown object that is not an Error', () => {
    expect(redactError({ secretAccessKey: token() }).message).toBe('non-error value thrown (object)');
    expect(redactError(null).message).toBe('non-error value thrown (null)');
  });

  it('stops at a cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    let depth = 0;
    for (let e: unknown = redactError(a); e instanceof Error; e = e.cause) depth++;
    expect(depth).toBe(6);
  });
});
