import { maskAccessKeyId } from '@keyless/redact';
import type { Finding, Severity } from '../../Finding.js';
import type { LineIndex } from '../parse/LineIndex.js';
import type { KeyHit } from './KeyHit.js';
import { keyHash } from './keyHash.js';

/** Stable rule ids of the pattern findings. */
export const RULE_KEY_ID = 'aws-access-key-id';
export const RULE_SECRET = 'aws-secret-access-key';
export const RULE_SESSION_TOKEN = 'aws-session-token';
export const RULE_GENERATED_KEY_ID = 'aws-generated-key-id';

const ROTATE =
  'Deactivate and rotate the key, then remove it from the file; workloads get credentials from their instance role instead';

function where(hit: KeyHit): string {
  switch (hit.origin) {
    case 'text':
      return 'in a config or env file';
    case 'script':
      return 'in a script or build file';
    case 'document':
      return 'in a document or notebook';
    case 'markup':
      return 'in the markup of a page, outside its scripts';
    case 'unparsed':
      return 'in the source text (the file was not parsed, so only the key patterns ran)';
    case 'raw':
      return 'in the source text';
    case 'comment':
      return 'in a comment (commented-out keys still leak through git history)';
    case 'concat':
    case 'join':
      return 'split across string pieces (found by constant-folding them)';
    default:
      return 'hard-coded in a string';
  }
}

/** The span of a finding, 1-based. */
export function span(
  lines: LineIndex,
  start: number,
  end: number,
): Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const a = lines.position(start);
  const b = lines.position(end);
  return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/**
 * A finding for a key-shaped value that no credential rule claimed. It never carries the value:
 * key ids are masked and hashed, secrets and tokens only hashed.
 */
/** Where hits are reported: the file, its line index, and whether it is test code. */
export interface HitContext {
  file: string;
  lines: LineIndex;
  testPath: boolean;
}

export function hitFinding(hit: KeyHit, { file, lines, testPath }: HitContext): Finding {
  // Keys assembled from pieces in tests are mostly deliberate scanner evasion around fakes.
  const severity: Severity =
    testPath && (hit.origin === 'concat' || hit.origin === 'join') ? 'note' : 'error';
  const base = { file, severity, ...span(lines, hit.start, hit.end), fixable: false, suggestion: ROTATE };
  switch (hit.kind) {
    case 'key-id':
      return {
        ruleId: RULE_KEY_ID,
        ...base,
        message: `AWS access key id ${maskAccessKeyId(hit.value)} ${where(hit)}`,
        keyId: maskAccessKeyId(hit.value),
        keyHash: keyHash(hit.value),
      };
    case 'secret':
      return {
        ruleId: RULE_SECRET,
        ...base,
        message: `AWS secret access key ${where(hit)}`,
        secretHash: keyHash(hit.value),
      };
    default:
      return {
        ruleId: RULE_SESSION_TOKEN,
        ...base,
        message: `AWS session token ${where(hit)}`,
        secretHash: keyHash(hit.value),
      };
  }
}

/** A note for a key id assembled at run time from a key prefix (`` `AKIA${random}` ``). */
export function generatedFinding(
  { start, end }: { start: number; end: number },
  { file, lines }: Pick<HitContext, 'file' | 'lines'>,
): Finding {
  return {
    ruleId: RULE_GENERATED_KEY_ID,
    severity: 'note',
    file,
    ...span(lines, start, end),
    message:
      'AWS access key id assembled at run time from a key prefix; harmless in a mock, a leak if it rebuilds a real key',
    fixable: false,
    suggestion: 'If this rebuilds a real key, rotate the key and take credentials from the instance role',
  };
}
