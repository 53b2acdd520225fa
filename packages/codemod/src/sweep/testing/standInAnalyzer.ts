// Test-only stand-in for the engine, so the sweep can be tested on its own: finds key ids and
// secrets by pattern, follows `from './x'` one level, "fixes" by deleting lines holding a key.
import type { Finding } from '../../Finding.js';
import type { AnalyzeOptions, AnalyzeResult, Analyzer } from '../Analyzer.js';
import { hashOf } from './hashOf.js';

const KEY_ID = /AKIA[A-Z2-7]{16}/g;
const SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g;
const HAS_KEY = /AKIA[A-Z2-7]{16}|(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/;

function findingsIn(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(KEY_ID)) {
      const fixable = /accessKeyId/.test(line);
      out.push({
        ruleId: 'aws-access-key-id',
        severity: 'error',
        file,
        line: i + 1,
        column: m.index + 1,
        endLine: i + 1,
        endColumn: m.index + 1 + m[0].length,
        message: `access key id ${m[0].slice(0, 4)}…${m[0].slice(-4)} in source`,
        keyId: `${m[0].slice(0, 4)}…${m[0].slice(-4)}`,
        keyHash: hashOf(m[0]),
        fixable,
        ...(fixable ? {} : { suggestion: 'move the key out of the code' }),
      });
    }
    for (const m of line.matchAll(SECRET)) {
      out.push({
        ruleId: 'aws-secret-access-key',
        severity: 'warning',
        file,
        line: i + 1,
        column: m.index + 1,
        endLine: i + 1,
        endColumn: m.index + 1 + m[0].length,
        message: 'secret access key in source',
        fixable: /secretAccessKey/.test(line),
      });
    }
  });
  return out;
}

/** Builds a stand-in; `calls` records every file it was asked about. */
export function standInAnalyzer(calls: string[] = []): Analyzer {
  return {
    fileKind(path) {
      if (/\.(?:[cm]?[jt]sx?)$/.test(path)) return 'code';
      if (/(?:^|\/)\.env|\.(?:json|ya?ml|ini)$/.test(path)) return 'text';
      return undefined;
    },
    analyzeSource(file: string, text: string, options: AnalyzeOptions = {}): AnalyzeResult {
      calls.push(file);
      if (!/AKIA|secret/i.test(text)) return { findings: [], skipped: true };
      const findings = findingsIn(file, text);
      for (const m of text.matchAll(/from '(\.[^']+)'/g)) {
        const mod = options.readModule?.(file, m[1] ?? '');
        if (mod) findings.push(...findingsIn(mod.file, mod.text));
      }
      if (text.includes('@@unparseable@@')) {
        return { findings, parseError: { message: 'Unexpected token', line: 1, column: 1 } };
      }
      if (!options.fix) return { findings };
      const lines = text.split('\n');
      const kept = lines.filter((l) => !(/accessKeyId|secretAccessKey/.test(l) && HAS_KEY.test(l)));
      const output = kept.join('\n');
      return output === text ? { findings } : { findings, output };
    },
  };
}
