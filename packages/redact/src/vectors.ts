import { randomBytes, randomInt } from 'node:crypto';
import { maskAccessKeyId } from './maskAccessKeyId.js';
import contract from './vectors.json' with { type: 'json' };

/** One vector of the contract, with its placeholders filled by fresh random values. */
export interface RedactionVector {
  readonly name: string;
  readonly input: string;
  readonly expected: string;
  /** Values to pass as `known`. */
  readonly known: readonly string[];
  readonly maxLength?: number;
  /** Every secret value generated for this vector: none may survive in any output. */
  readonly secrets: readonly string[];
}

/** The vectors of both halves of the contract: `redact` for `redactSecrets`, `mask` for `maskAccessKeyId`. */
export interface RedactionVectors {
  readonly redact: readonly RedactionVector[];
  readonly mask: readonly RedactionVector[];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const WORDS = ['correct', 'horse', 'battery', 'staple', 'orange', 'river', 'cloud', 'paper'];

const b64url = (bytes: number): string => randomBytes(bytes).toString('base64url');
const keyId = (prefix: string): string =>
  prefix + Array.from({ length: 16 }, () => BASE32[randomInt(BASE32.length)]).join('');

const GENERATORS: Record<string, () => string> = {
  akia: () => keyId('AKIA'),
  asia: () => keyId('ASIA'),
  secret: () => randomBytes(30).toString('base64'),
  token: () => randomBytes(randomInt(200, 450)).toString('base64'),
  b64url: () => b64url(randomInt(18, 48)),
  jwt: () =>
    [
      Buffer.from(JSON.stringify({ alg: 'RS256', kid: b64url(6) })).toString('base64url'),
      Buffer.from(JSON.stringify({ sub: b64url(9), aud: 'sts.amazonaws.com' })).toString('base64url'),
      b64url(64),
    ].join('.'),
  words: () => Array.from({ length: 4 }, () => WORDS[randomInt(WORDS.length)]).join('-'),
};

interface RawVector {
  name: string;
  input: string;
  expected: string;
  known?: string[];
  maxLength?: number;
}

function fill(raw: RawVector): RedactionVector {
  const values = new Map<string, string>();
  const expand = (text: string): string =>
    text.replace(/\{\{(\w+)(?::(\w+))?\}\}/g, (_, name: string, kind?: string) => {
      if (kind === 'masked') return maskAccessKeyId(values.get(name) ?? '');
      if (kind !== undefined && !values.has(name)) {
        const generate = GENERATORS[kind];
        if (generate === undefined)
          throw new TypeError(`vector "${raw.name}": unknown placeholder kind "${kind}"`);
        values.set(name, generate());
      }
      const value = values.get(name);
      if (value === undefined)
        throw new TypeError(`vector "${raw.name}": {{${name}}} is used before it is defined`);
      return value;
    });
  const input = expand(raw.input);
  return {
    name: raw.name,
    input,
    expected: expand(raw.expected),
    known: (raw.known ?? []).map(expand),
    ...(raw.maxLength === undefined ? {} : { maxLength: raw.maxLength }),
    secrets: [...values.values()],
  };
}

/**
 * The masking and redaction contract as test vectors, filled with fresh random secrets on every call
 * (so nothing key-shaped is ever committed). Every package that masks or redacts runs them through
 * its own output paths; so can any tool that wraps keyless and prints its messages.
 */
export function redactionVectors(): RedactionVectors {
  return { redact: contract.redact.map(fill), mask: contract.mask.map(fill) };
}
