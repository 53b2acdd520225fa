import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../src/engine/analyzeSource.js';
import { Placeholders } from './placeholders.js';

/**
 * One spec for every fixture pair: `fixtures/<case>.input.<ext>` is analysed with `fix: true` and
 * must become `fixtures/<case>.output.<ext>` (identical text = nothing may change), and
 * `<case>.sdk-default.output.<ext>` when the case has one; `<case>.json` lists the expected
 * findings and the path the case pretends to live at.
 */
interface ExpectedFinding {
  ruleId: string;
  line: number;
  severity?: string;
  fixable?: boolean;
  keyId?: string;
  messageIncludes?: string;
  /** Words the suggestion must hold: why `fix` left the site alone. */
  suggestionIncludes?: string;
}

interface CaseSpec {
  /** The path handed to analyzeSource (tests, browser and module-style rules read it). */
  file: string;
  findings: ExpectedFinding[];
  /** Expected findings under `target: 'sdk-default'` when they differ (no import name is needed there). */
  sdkDefaultFindings?: ExpectedFinding[];
  /** Modules that `readModule` returns, by specifier. */
  modules?: Record<string, { file: string; text: string }>;
  parseError?: boolean;
  skipped?: boolean;
}

const dir = join(import.meta.dirname, 'fixtures');
const cases = readdirSync(dir)
  .map((name) => /^(.+)\.input\.([a-z]+)$/.exec(name))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1] as string, ext: m[2] as string }));

function read(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

function langOf(ext: string): 'jsx' | 'ts' | 'tsx' {
  return ext === 'tsx' ? 'tsx' : ext === 'ts' || ext === 'mts' || ext === 'cts' ? 'ts' : 'jsx';
}

describe('fixtures', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { name, ext } of cases) {
    it(`${name}.${ext}`, () => {
      const values = new Placeholders();
      const spec = JSON.parse(values.fill(read(`${name}.json`))) as CaseSpec;
      const input = values.fill(read(`${name}.input.${ext}`));
      const readModule = (_from: string, specifier: string) => spec.modules?.[specifier];
      const targets: ['keyless' | 'sdk-default', string][] = [['keyless', `${name}.output.${ext}`]];
      if (existsSync(join(dir, `${name}.sdk-default.output.${ext}`))) {
        targets.push(['sdk-default', `${name}.sdk-default.output.${ext}`]);
      }
      for (const [target, outputName] of targets) {
        const expected = values.fill(read(outputName));
        const result = analyzeSource(spec.file, input, { fix: true, target, readModule });

        expect(result.parseError !== undefined, 'parseError').toBe(spec.parseError ?? false);
        expect(result.skipped ?? false, 'skipped').toBe(spec.skipped ?? false);
        const wanted = (target === 'sdk-default' ? spec.sdkDefaultFindings : undefined) ?? spec.findings;
        const actual = result.findings.map((f, i) => {
          const want = wanted[i];
          return {
            ruleId: f.ruleId,
            line: f.line,
            ...(want?.severity !== undefined && { severity: f.severity }),
            ...(want?.fixable !== undefined && { fixable: f.fixable }),
            ...(want?.keyId !== undefined && { keyId: f.keyId }),
            ...(want?.messageIncludes !== undefined && {
              messageIncludes: f.message.includes(want.messageIncludes) ? want.messageIncludes : f.message,
            }),
            ...(want?.suggestionIncludes !== undefined && {
              suggestionIncludes: f.suggestion?.includes(want.suggestionIncludes)
                ? want.suggestionIncludes
                : f.suggestion,
            }),
          };
        });
        expect(actual, `findings (${target})`).toEqual(wanted);

        if (expected === input) expect(result.output, `no rewrite (${target})`).toBeUndefined();
        else expect(result.output, `output (${target})`).toBe(expected);

        const serialized = JSON.stringify({ findings: result.findings, parseError: result.parseError });
        for (const secret of values.all()) {
          expect(serialized.includes(secret), 'secret in findings').toBe(false);
        }

        if (result.output !== undefined) {
          const reparsed = parseSync(`x.${langOf(ext)}`, result.output, { lang: langOf(ext) });
          expect(reparsed.errors, 'output parses').toEqual([]);
          const again = analyzeSource(spec.file, result.output, { fix: true, target, readModule });
          expect(again.output, 'second run changes nothing').toBeUndefined();
        }
      }
    });
  }
});
