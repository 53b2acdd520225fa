import { createHash } from 'node:crypto';
import {
  type Colors,
  formatFindingsByFile,
  formatSarif,
  NO_COLORS,
  type ReportedFinding,
  type SarifOptions,
  type Severity,
} from '@keyless/codemod';
import { CHECK_RULES, type CheckRuleId } from './CheckFinding.js';
import type { CheckResult } from './checkPolicy.js';

const SCORE: Record<CheckRuleId, string> = {
  'policy-wildcard-action': '7.0',
  'policy-wildcard-resource': '5.0',
  'policy-resource-type-mismatch': '4.0',
  'policy-unknown-action': '4.0',
  'policy-passrole-wildcard': '8.0',
  'policy-notaction-allow': '7.0',
  'policy-notresource-allow': '6.0',
  'policy-shared-role': '5.0',
  'policy-unused-grant': '5.0',
  'policy-missing-grant': '6.0',
};

/** The findings in the scanner's shape, so its pretty and SARIF reports print them. */
function reported(result: CheckResult): ReportedFinding[] {
  return result.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: 1,
    endLine: f.line,
    endColumn: 1,
    message: f.message,
    fixable: false,
    // Stable across edits elsewhere in the file: the rule, the role and what the finding says.
    fingerprint: createHash('sha256')
      .update(`${f.ruleId}\n${f.role}\n${f.message}`)
      .digest('hex')
      .slice(0, 16),
  }));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function counts(result: CheckResult): Record<Severity, number> {
  const by: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const f of result.findings) by[f.severity] += 1;
  return by;
}

/** The human report of `keyless policy --check`: findings per file, what was not checked, a verdict. */
export function formatCheckPretty(result: CheckResult, options: { colors?: Colors } = {}): string {
  const c = options.colors ?? NO_COLORS;
  const parts = [formatFindingsByFile(reported(result), c)];
  if (result.problems.length > 0)
    parts.push(
      `${c.bold(`Not checked (${result.problems.length})`)}\n${result.problems.map((p) => `  ${c.yellow('skipped')} ${p.file}:${p.line}  ${p.message}`).join('\n')}\n`,
    );
  const against =
    result.compared === undefined
      ? "without code (pass the service's paths to compare)"
      : `${result.compared} against the code`;
  const by = counts(result);
  parts.push(
    result.findings.length === 0
      ? `${c.green(`✔ no findings: checked ${against}`)}\n`
      : `${c.red(`✖ ${plural(result.findings.length, 'finding')} (${plural(by.error, 'error')}, ${plural(by.warning, 'warning')}): checked ${against}`)}\n`,
  );
  return parts.filter((p) => p !== '').join('\n');
}

/** `{ findings: [{ ruleId, severity, file, line, role, message }], problems, compared, summary }`. */
export function formatCheckJson(result: CheckResult): string {
  const report = {
    findings: result.findings.map(({ ruleId, severity, file, line, role, message }) => ({
      ruleId,
      severity,
      file,
      line,
      role,
      message,
    })),
    problems: result.problems,
    compared: result.compared ?? null,
    summary: {
      findings: result.findings.length,
      bySeverity: counts(result),
      problems: result.problems.length,
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** SARIF 2.1.0 through the scanner's SARIF writer, with the check's rules; what was not checked is a tool notification. */
export function formatCheckSarif(
  result: CheckResult,
  options: Omit<SarifOptions, 'describeRule'> = {},
): string {
  return formatSarif(
    {
      findings: reported(result),
      errors: result.problems.map((p) => ({ file: p.file, line: p.line, kind: 'io', message: p.message })),
      skipped: [],
    },
    {
      ...options,
      describeRule: (id) => {
        const text = CHECK_RULES[id as CheckRuleId] ?? id;
        return {
          name: id
            .split('-')
            .map((w) => (w[0]?.toUpperCase() ?? '') + w.slice(1))
            .join(''),
          shortDescription: text,
          fullDescription: `${text}. Found by keyless policy --check, which compares the deployed policy with the service's AWS SDK calls.`,
          help: 'Run `keyless policy` on the service to get the least-privilege policy its code needs, and deploy that.',
          securitySeverity: SCORE[id as CheckRuleId] ?? '5.0',
          tags: ['security', 'iam', 'aws', 'least-privilege'],
        };
      },
    },
  );
}
