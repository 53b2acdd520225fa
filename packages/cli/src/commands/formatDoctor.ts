import type { Colors } from '@keyless/codemod';
import type { DoctorProbeId, DoctorReport, DoctorVerdict, ProbeOutcome } from '@keyless/credentials';

const HEADLINES: Record<DoctorVerdict, string> = {
  role: 'a role source would be used',
  static: 'only static keys would be used',
  denied: "long-lived keys would be refused (staticKeys: 'deny')",
  failed: 'a configured role source fails, and nothing else is tried',
  none: 'no credentials would be found',
  misconfigured: 'the configuration cannot be read',
};

const LABELS: Record<DoctorProbeId, string> = {
  'lambda.env': 'Lambda env session',
  'env-session.env': 'env session',
  'profile-chain.profile': 'profile chain',
  'container.env': 'container env',
  'container.endpoint': 'container endpoint',
  'web-identity.token-file': 'web identity token file',
  'web-identity.sts': 'web identity STS',
  'imds.platform-hint': 'DMI platform hint',
  'imds.token': 'IMDS token',
  'imds.role': 'IMDS role',
  'imds.credentials': 'IMDS credentials',
};

/**
 * The human form of a `keyless doctor` report: the verdict, a line per probe (`✓` worked, `✗` failed
 * or timed out, `–` skipped or inconclusive) with its duration, the settings with their origin, the
 * static keys and the warnings. The report holds no secret, so neither does this.
 */
export function formatDoctor(report: DoctorReport, c: Colors): string {
  const ok = report.verdict === 'role' || (report.verdict === 'static' && report.kind === 'role');
  const lines = [
    `${ok ? c.green('✓') : c.red('✗')} ${c.bold(`keyless doctor: ${HEADLINES[report.verdict]}`)}`,
    `  ${report.reason}`,
  ];
  if (report.runtime !== null) lines.push(`  runtime: ${report.runtime.name} (${report.runtime.evidence})`);
  if (report.kind !== null)
    lines.push(`  kind: ${report.kind === 'role' ? 'role (temporary credentials)' : 'long-lived keys'}`);
  if (report.probes.length > 0) {
    lines.push('', c.bold('Probes'));
    const width = Math.max(...report.probes.map((p) => LABELS[p.id].length));
    for (const p of report.probes) {
      const ms = `${Math.round(p.durationMs)} ms`.padStart(8);
      lines.push(`  ${symbol(p.outcome, c)} ${LABELS[p.id].padEnd(width)} ${c.dim(ms)}  ${p.detail}`);
    }
  }
  if (report.settings.length > 0) {
    lines.push('', c.bold('Settings'));
    const width = Math.max(...report.settings.map((s) => s.name.length));
    const shown = report.settings.map((s) => (s.value === null ? 'unset' : String(s.value)));
    const valueWidth = Math.max(...shown.map((v) => v.length));
    report.settings.forEach((s, i) => {
      const origin = s.from === undefined ? s.origin : `${s.origin} ${s.from}`;
      lines.push(`  ${s.name.padEnd(width)}  ${(shown[i] ?? '').padEnd(valueWidth)}  ${c.dim(origin)}`);
    });
  }
  if (report.staticKeys.length > 0) {
    lines.push('', c.bold('Static keys'));
    for (const k of report.staticKeys) {
      const what = k.found ? `${k.accessKeyId ?? 'unusable keys'} in ${k.detail}` : k.detail;
      lines.push(`  ${k.found ? c.yellow('!') : c.dim('–')} ${k.source.padEnd(10)} ${what}`);
    }
  }
  if (report.warnings.length > 0) {
    lines.push('', c.bold('Warnings'));
    for (const w of report.warnings) lines.push(`  ${c.yellow('!')} ${w}`);
  }
  lines.push('', c.dim(`checked in ${Math.round(report.durationMs)} ms`));
  return `${lines.join('\n')}\n`;
}

function symbol(outcome: ProbeOutcome, c: Colors): string {
  if (outcome === 'ok') return c.green('✓');
  if (outcome === 'failed' || outcome === 'timeout') return c.red('✗');
  return c.dim('–');
}
