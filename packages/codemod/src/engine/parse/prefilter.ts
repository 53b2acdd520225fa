import type { FileKind } from './fileKind.js';

// Every shape the AST rules look for contains one of these words; a file without any of them
// cannot produce a finding, so it is skipped before the (much dearer) parse. Like gitleaks'
// `keywords`, this is where most of a sweep's speed comes from.
// `Credentials(` rather than `Credentials`: the word alone is everywhere (`withCredentials`, SDK
// type names), but only a constructor call (`new AWS.Credentials(id, secret)`) can carry keys
// without one of the other words nearby. A key prefix counts when a whole id follows, or when the
// string ends or a template hole starts right after it (`'AKIA' + …`, `` `AKIA${…}` ``), not inside
// any longer word or base64 blob.
/** The words a code file needs to get past the prefilter (exported for benchmarks that use the same filter). */
export const CODE_KEYWORDS =
  /accessKeyId|secretAccessKey|sessionToken|(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])(?:[A-Z2-7]{16}|[A-Z2-7]{0,15}['"`$])|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|loadFromPath|\bCredentials\s*\(|aws_secret|aws_access/;

const TEXT_KEYWORDS = /AKIA|ASIA|ABIA|ACCA|A3T|secret|session_?token|security_?token/i;

/** Cheap keyword check: false means the file cannot contain a finding of its kind. */
export function mayContainCredentials(text: string, kind: FileKind): boolean {
  if (kind === 'markup') return CODE_KEYWORDS.test(text) || TEXT_KEYWORDS.test(text);
  return (kind === 'code' ? CODE_KEYWORDS : TEXT_KEYWORDS).test(text);
}
