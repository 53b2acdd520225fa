import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync, rawTransferSupported } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { codeLang, fileKind } from './fileKind.js';
import { parseCode, parserOptions } from './parseCode.js';

const fixtures = join(import.meta.dirname, '../../../test/fixtures');
const codeFiles = readdirSync(fixtures).filter((name) => fileKind(name) === 'code');

/** The AST as plain data: raw transfer and JSON transfer must agree on every field. */
function plain(file: string, text: string, raw: boolean): unknown {
  const settings = codeLang(file) ?? { lang: 'jsx' as const, sourceType: 'unambiguous' as const };
  const { experimentalRawTransfer: _, ...json } = parserOptions(settings.lang, settings.sourceType) as {
    experimentalRawTransfer?: boolean;
  };
  const options = raw ? { ...json, experimentalRawTransfer: true } : json;
  const result = parseSync(file, text, options);
  return JSON.parse(JSON.stringify({ program: result.program, comments: result.comments }));
}

describe(parseCode.name, () => {
  it('has code fixtures to compare', () => {
    expect(codeFiles.length).toBeGreaterThan(50);
  });

  it('uses raw transfer exactly where oxc supports it (Node >= 22), the JSON path elsewhere', () => {
    const options = parserOptions('ts', 'module') as { experimentalRawTransfer?: boolean };
    expect(options.experimentalRawTransfer === true).toBe(rawTransferSupported());
  });

  // One test either way, so nothing is skipped: Node 20 proves why the JSON path stays.
  it('gets the same AST and comments from both transfers for every code fixture, where raw transfer runs', () => {
    if (!rawTransferSupported()) {
      expect(() => parseSync('a.ts', 'let a = 1;', { experimentalRawTransfer: true } as object)).toThrow(
        /not supported/,
      );
      return;
    }
    for (const name of codeFiles) {
      const text = readFileSync(join(fixtures, name), 'utf8');
      expect(plain(name, text, true), name).toEqual(plain(name, text, false));
    }
  });

  it('parses TypeScript and reports the first error with its offset', () => {
    expect(parseCode('a.ts', 'const a: number = 1 as number;').ok).toBe(true);
    const failed = parseCode('a.ts', 'const a = ;');
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.offset).toBe(10);
  });
});
