import type { HitOrigin, KeyHit } from './KeyHit.js';
import { findKeyIds, findSecrets, findSessionTokens, SECRET_NAME, SESSION_NAME } from './keyPatterns.js';

/** How far back on the same line a name like `aws_secret_access_key =` may sit before its value. */
const NAME_WINDOW = 80;

function lineBefore(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  return text.slice(Math.max(lineStart, index - NAME_WINDOW), index);
}

/** Whether the file as a whole holds a key id, which ties any secret-shaped string in it to AWS. */
export interface TextContext {
  hasKeyId: boolean;
  hasTemporaryKeyId: boolean;
}

/** The tying context of a whole file: does it hold any (temporary) key id? */
export function textContext(text: string): TextContext {
  const ids = findKeyIds(text);
  return { hasKeyId: ids.length > 0, hasTemporaryKeyId: ids.some((m) => m.value.startsWith('ASIA')) };
}

/**
 * Scans plain text (a non-code file, a comment, or code that failed to parse) with the key patterns.
 * A 40-char secret or a session token only counts when tied to AWS: a key id elsewhere in the file,
 * or a secret-/token-like name just before it on its line.
 */
/** Where a scanned text sits and how its hits are told. */
export interface TextScan {
  /** Offset of `text` in the file. */
  base: number;
  origin: HitOrigin;
  context: TextContext;
}

export function scanText(text: string, { base, origin, context }: TextScan): KeyHit[] {
  const hits: KeyHit[] = [];
  const add = (m: { kind: KeyHit['kind']; value: string; index: number }) =>
    hits.push({
      kind: m.kind,
      value: m.value,
      start: base + m.index,
      end: base + m.index + m.value.length,
      origin,
    });
  for (const m of findKeyIds(text)) add(m);
  for (const m of findSecrets(text)) {
    if (context.hasKeyId || SECRET_NAME.test(lineBefore(text, m.index))) add(m);
  }
  for (const m of findSessionTokens(text)) {
    if (context.hasTemporaryKeyId || SESSION_NAME.test(lineBefore(text, m.index))) add(m);
  }
  return hits.sort((a, b) => a.start - b.start);
}
