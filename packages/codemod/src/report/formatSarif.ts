import type { Severity } from '../Finding.js';
import type { ReportedFinding, SweepFileError, SweepResult } from '../sweep/SweepResult.js';
import { type RuleMetadata, ruleMetadata } from './ruleMetadata.js';

/** Options of `formatSarif`. */
export interface SarifOptions {
  /** `tool.driver.semanticVersion`. */
  toolVersion?: string;
  /**
   * `automationDetails.id`: tells GitHub apart several uploads for one commit (shards, repos).
   * Uploads with the same id replace each other.
   */
  automationId?: string;
  /**
   * Describes the rules of another tool that reports through this format (`keyless policy
   * --check`); default: the scanner's rules, tagged as secrets.
   */
  describeRule?: (ruleId: string, severity: Severity) => RuleMetadata & { tags: string[] };
}

/** What `formatSarif` reads of a sweep; another tool's findings in the same shape work too. */
export type SarifInput = Pick<SweepResult, 'findings' | 'errors' | 'skipped'>;

/** GitHub rejects runs with more results than this. */
const SARIF_MAX_RESULTS = 25_000;
const RANK: Record<Severity, number> = { note: 0, warning: 1, error: 2 };

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function uriOf(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The part of a file a SARIF location points at; without `line`, the whole file. */
interface Region {
  line?: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

function location(file: string, { line, column, endLine, endColumn }: Region = {}) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(file) },
      ...(line === undefined
        ? {}
        : {
            region: {
              startLine: line,
              ...(column === undefined ? {} : { startColumn: column }),
              ...(endLine === undefined ? {} : { endLine }),
              ...(endColumn === undefined ? {} : { endColumn }),
            },
          }),
    },
  };
}

const secretRule = (id: string, severity: Severity) => ({
  ...ruleMetadata(id, severity),
  tags: ['security', 'secret', 'aws'],
});

function rulesOf(findings: readonly ReportedFinding[], describe: SarifOptions['describeRule'] = secretRule) {
  const worst = new Map<string, Severity>();
  for (const f of findings) {
    const seen = worst.get(f.ruleId);
    if (seen === undefined || RANK[f.severity] > RANK[seen]) worst.set(f.ruleId, f.severity);
  }
  return [...worst.keys()].sort().map((id) => {
    const severity = worst.get(id) ?? 'warning';
    const m = describe(id, severity);
    return {
      id,
      name: m.name,
      shortDescription: { text: m.shortDescription },
      fullDescription: { text: m.fullDescription },
      help: { text: m.help, markdown: m.help },
      defaultConfiguration: { level: severity },
      properties: {
        tags: m.tags,
        precision: 'high',
        'security-severity': m.securitySeverity,
      },
    };
  });
}

function resultText(f: ReportedFinding): string {
  const introduced =
    f.introduced === undefined
      ? ''
      : ` Introduced in commit ${f.introduced.commit.slice(0, 12)} (${f.introduced.date.slice(0, 10)}).`;
  const suggestion = f.suggestion === undefined ? '' : ` Suggested fix: ${f.suggestion}`;
  return `${f.message}${introduced}${suggestion}`;
}

function notification(e: SweepFileError) {
  return {
    level: e.kind === 'parse' ? 'warning' : 'error',
    message: { text: e.message },
    locations: [location(e.file, { line: e.line, column: e.column })],
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, a rule per rule id with `security-severity`,
 * results with relative `artifactLocation.uri`, a `region` and `partialFingerprints`, and files
 * that could not be read or parsed, or were too large to analyse, as tool notifications. No snippet: secrets stay out.
 * A history sweep's results keep the path as their location (what code scanning matches alerts
 * on) and name the introducing commit in the message and in `properties.commit` / `authorDate`:
 * `versionControlProvenance` describes the one revision a run analysed, not one per result.
 */
export function formatSarif(result: SarifInput, options: SarifOptions = {}): string {
  const rules = rulesOf(result.findings, options.describeRule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const kept = result.findings.slice(0, SARIF_MAX_RESULTS);
  const notifications: object[] = [
    ...result.errors.map(notification),
    // A file the sweep did not analyse in full is a gap in the run, so code scanning shows it.
    ...result.skipped.map((s) => ({
      level: 'warning',
      message: { text: s.message },
      locations: [location(s.file)],
      descriptor: { id: `keyless/skipped-${s.reason}` },
    })),
  ];
  if (result.findings.length > kept.length) {
    const left = result.findings.length - kept.length;
    notifications.push({
      level: 'warning',
      message: {
        text: `${left} findings left out: GitHub accepts ${SARIF_MAX_RESULTS} per run; split the sweep with --shard i/n`,
      },
    });
  }
  const run = {
    tool: {
      driver: {
        name: 'keyless',
        ...(options.toolVersion === undefined ? {} : { semanticVersion: options.toolVersion }),
        rules,
      },
    },
    ...(options.automationId === undefined ? {} : { automationDetails: { id: options.automationId } }),
    columnKind: 'utf16CodeUnits',
    results: kept.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: f.severity,
      message: { text: resultText(f) },
      locations: [location(f.file, f)],
      // The result sits on the key; the client or config that uses it is a related location.
      ...(f.related !== undefined && {
        relatedLocations: f.related.map((r, i) => ({
          id: i + 1,
          ...location(f.file, r),
          message: { text: r.message },
        })),
      }),
      partialFingerprints: { 'keylessFingerprint/v1': f.fingerprint },
      properties: {
        fixable: f.fixable,
        ...(f.keyId === undefined ? {} : { keyId: f.keyId }),
        // A history finding's file may be gone from the tree: the commit says which version it is.
        ...(f.introduced === undefined ? {} : { commit: f.introduced.commit, authorDate: f.introduced.date }),
      },
    })),
    invocations: [
      {
        executionSuccessful: result.errors.every((e) => e.kind === 'parse'),
        toolExecutionNotifications: notifications,
      },
    ],
  };
  return `${JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
