import type { KeyKind } from './keyPatterns.js';

/** Where a key-shaped value was seen (`raw`: code text outside any string or comment, e.g. JSX text). */
/**
 * Where a key was found: a config or env file (`text`), a script or build file, a document or
 * notebook, the markup of a page outside its scripts, code that was not parsed, or the parts of
 * parsed code.
 */
export type HitOrigin =
  | 'text'
  | 'script'
  | 'document'
  | 'markup'
  | 'unparsed'
  | 'raw'
  | 'comment'
  | 'literal'
  | 'template'
  | 'concat'
  | 'join'
  | 'generated';

/**
 * A key-shaped value found in a file. Internal to the engine: `value` is the secret itself and never
 * leaves `analyzeSource` (findings carry only the masked id and a hash).
 */
export interface KeyHit {
  kind: KeyKind;
  value: string;
  /** Offsets into the file text (UTF-16). For code, the span of the expression that holds the value. */
  start: number;
  end: number;
  origin: HitOrigin;
}
