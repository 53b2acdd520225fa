import { maskAccessKeyId } from './maskAccessKeyId.js';
import type { RedactOptions } from './RedactOptions.js';

/** What every removed secret looks like, in every package's output. */
export const REDACTED = '****';

// Key ids of every IAM prefix, followed by 12 or more id characters. No word boundary on purpose:
// masking a harmless string costs nothing, printing a key id costs a rotation.
const KEY_ID = /(?:A3T[A-Z0-9]|AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|ABIA|ACCA)[A-Z0-9]{12,}/g;
// A JWT or JWE: a base64url JSON header (`eyJ`) and at least one more dot-separated part.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_.-]*/g;
// Any URL: its userinfo, query and fragment are where credentials ride along. It ends before
// brackets and trailing punctuation, so the text around it (`(… http://h/p?q).`) is kept.
const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`()[\]]*[^\s"'<>`()[\].,;:!?]/gi;
// Runs of base64 / base64url characters long enough to be (part of) a secret key or token; `=` only
// as padding, so `Token=<secret>` keeps its name.
const RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;

// A run that reads as words is kept: header names, paths, env var names, exception names,
// `AssumeRoleWithWebIdentity`. A random string of 24+ characters passes this 1 time in 20,000, of 16
// characters about 1 in 1,000; that is why known values are redacted verbatim first.
const SEPARATORS = /[/+=_.-]+/;
const SIMPLE_WORD = /^(?:[a-z]+|[A-Z]+|[0-9]+|[a-z]+[0-9]{1,3}|[A-Z]+[0-9]{1,3})$/;
const CAMEL_WORD = /^(?:[A-Z]{2,}(?=[A-Z][a-z]))?[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/;

function isWord(piece: string): boolean {
  if (piece === '' || SIMPLE_WORD.test(piece)) return true;
  // Real camelCase (`IDPRejectedClaimException`) has words of four letters on average; random letters
  // switch case far more often.
  const capitals = piece.replace(/[^A-Z]/g, '').length;
  return CAMEL_WORD.test(piece) && capitals * 4 <= piece.length;
}

function redactRun(run: string): string {
  return run.split(SEPARATORS).every(isWord) ? run : REDACTED;
}

function redactUrl(url: string): string {
  const scheme = url.indexOf('://') + 3;
  const rest = url.slice(scheme);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  const host = at === -1 ? authority : `${REDACTED}@${authority.slice(at + 1)}`;
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const query = tail.search(/[?#]/);
  const path = query === -1 ? tail : `${tail.slice(0, query)}${tail[query]}${REDACTED}`;
  return `${url.slice(0, scheme)}${host}${path}`;
}

function knownValues(known: RedactOptions['known']): string[] {
  const values = new Set<string>();
  for (const value of known ?? []) if (typeof value === 'string' && value.length >= 4) values.add(value);
  // Longest first, so a secret that contains another is removed whole.
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * Removes everything in `text` that is or looks like a credential: the `known` values verbatim, URL
 * userinfo, query strings and fragments, JWTs, and runs of 16+ base64 / base64url characters that do
 * not read as words; access key ids are masked (`AKIA…WXYZ`). Then cuts to `maxLength`. Every message,
 * log line, event and report keyless prints goes through here.
 */
export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = String(text);
  for (const value of knownValues(options.known)) out = out.split(value).join(REDACTED);
  out = out
    .replace(URL_LIKE, redactUrl)
    .replace(JWT, REDACTED)
    .replace(KEY_ID, maskAccessKeyId)
    .replace(RUN, redactRun);
  const max = options.maxLength;
  return max !== undefined && out.length > max ? `${out.slice(0, Math.max(0, max - 1))}…` : out;
}
