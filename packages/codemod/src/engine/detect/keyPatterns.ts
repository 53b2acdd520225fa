/**
 * The key patterns of the secret scanners (gitleaks' base32 key id rule, trufflehog's secret and
 * session-token shapes and entropy floors), shared by the text scanner and the AST rules.
 */

/** What a key-shaped string is. */
export type KeyKind = 'key-id' | 'secret' | 'session-token';

/** Long-term (`AKIA`), temporary (`ASIA`), bearer (`ABIA`), context (`ACCA`) and legacy `A3T` ids. */
const KEY_ID_SOURCE = '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}';
const KEY_ID_IN_TEXT = new RegExp(`(?<![A-Za-z0-9])${KEY_ID_SOURCE}(?![A-Za-z0-9])`, 'g');
const KEY_ID_EXACT = new RegExp(`^${KEY_ID_SOURCE}$`);
const KEY_ID_PREFIX = /^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)/;

const SECRET_IN_TEXT = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_EXACT = /^[A-Za-z0-9/+]{40}$/;
const TOKEN_IN_TEXT = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{100,}={0,3}(?![A-Za-z0-9/+=])/g;
const TOKEN_EXACT = /^[A-Za-z0-9/+]{100,}={0,3}$/;

/** Names under which a 40-char base64 string is an AWS secret key rather than any random string. */
export const SECRET_NAME = /secret|sec_?key|private_?key/i;
/** Names under which a long base64 string is an STS session token. */
export const SESSION_NAME = /session_?token|security_?token|sessiontoken/i;

/** Shannon entropy in bits per character. */
function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** AWS's documentation keys (`AKIAIOSFODNN7EXAMPLE`, `wJalr…EXAMPLEKEY`) and their look-alikes. */
function isExampleKey(value: string): boolean {
  return value.includes('EXAMPLE');
}

/** A live-looking access key id: right shape, not a doc example, not a run of one repeated character. */
export function isKeyId(value: string): boolean {
  return KEY_ID_EXACT.test(value) && !isExampleKey(value) && shannonEntropy(value) >= 3;
}

/** Whether a string starts like a key id, for keys generated at run time (`AKIA${random}`). */
export function hasKeyIdPrefix(value: string): boolean {
  return KEY_ID_PREFIX.test(value);
}

/**
 * A live-looking secret access key: 40 base64 chars of high entropy with mixed case and a digit.
 * Git SHA-1s (40 hex) and doc examples are not secrets.
 */
export function isSecretKey(value: string): boolean {
  if (!SECRET_EXACT.test(value) || isExampleKey(value)) return false;
  if (/^[a-f0-9]{40}$/i.test(value)) return false;
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9]/.test(value)) return false;
  return shannonEntropy(value) >= 4.25;
}

/** A live-looking session token: 100+ base64 chars of high entropy. */
export function isSessionToken(value: string): boolean {
  return TOKEN_EXACT.test(value) && !isExampleKey(value) && shannonEntropy(value) >= 4.5;
}

/** One key-shaped match inside a string. `index` is relative to the scanned string. */
export interface KeyMatch {
  kind: KeyKind;
  value: string;
  index: number;
}

/** Every live-looking access key id in `text`. */
export function findKeyIds(text: string): KeyMatch[] {
  const out: KeyMatch[] = [];
  for (const m of text.matchAll(KEY_ID_IN_TEXT)) {
    if (isKeyId(m[0])) out.push({ kind: 'key-id', value: m[0], index: m.index });
  }
  return out;
}

/** Every live-looking secret key in `text`; the caller decides whether context ties it to AWS. */
export function findSecrets(text: string): KeyMatch[] {
  const out: KeyMatch[] = [];
  for (const m of text.matchAll(SECRET_IN_TEXT)) {
    if (isSecretKey(m[0])) out.push({ kind: 'secret', value: m[0], index: m.index });
  }
  return out;
}

/** Every live-looking session token in `text`; the caller decides whether context ties it to AWS. */
export function findSessionTokens(text: string): KeyMatch[] {
  const out: KeyMatch[] = [];
  for (const m of text.matchAll(TOKEN_IN_TEXT)) {
    if (isSessionToken(m[0])) out.push({ kind: 'session-token', value: m[0], index: m.index });
  }
  return out;
}
