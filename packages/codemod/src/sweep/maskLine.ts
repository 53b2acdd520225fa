import { maskAccessKeyId, REDACTED, redactSecrets } from '@keyless/redact';
import type { FileKind } from '../engine/parse/fileKind.js';

/** A half-open span of UTF-16 columns on one line, 0-based. */
export interface LineSpan {
  start: number;
  end: number;
}

const QUOTED = /(['"`])((?:\\.|(?!\1)[^\\])*)\1?/g;
const KEY_ID_ONLY = /^(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/;
// `KEY=value`, `key: value`, `key = "value"` in .env, YAML, ini, properties and Terraform files.
const ASSIGNED_VALUE = /^(\s*[^=:#]*?[=:]\s*)(.+?)(\s*)$/;

function overlaps(start: number, end: number, spans: readonly LineSpan[]): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

function maskValue(value: string): string {
  return KEY_ID_ONLY.test(value) ? maskAccessKeyId(value) : REDACTED;
}

/**
 * Masks one source line for a code frame or a diff. Inside the spans of a finding every string
 * literal is masked (so keys split into short pieces stay hidden); in text files the assigned
 * value is; and anywhere on the line, whatever looks like a key, secret or token.
 */
export function maskLine(line: string, spans: readonly LineSpan[], kind: FileKind): string {
  let masked = line;
  if (spans.length > 0) {
    masked = masked.replace(QUOTED, (whole: string, quote: string, body: string, offset: number) => {
      if (body === '' || !overlaps(offset, offset + whole.length, spans)) return whole;
      const closed = whole.endsWith(quote) && whole.length > 1;
      return `${quote}${maskValue(body)}${closed ? quote : ''}`;
    });
    if (kind !== 'code' && masked === line) {
      masked = masked.replace(ASSIGNED_VALUE, (_w, head: string, value: string, tail: string) => {
        const bare = value.replace(/^(['"])(.*)\1$/, '$2');
        return `${head}${bare === '' ? value : maskValue(bare)}${tail}`;
      });
    }
  }
  return redactSecrets(masked);
}
