import {
  type Derivation,
  detectPlatform,
  type Platform,
  policyReport,
  type RenderContext,
  readDeployFiles,
  renderCloudFormation,
  renderTerraform,
} from '@keyless/policy';
import type { Io } from '../Io.js';

export type PolicyFormat = 'iam' | 'json' | 'terraform' | 'cloudformation';

/** What the analysis could not follow and what it could not derive, as `file:line: ...` on stderr. */
export function listProblems(io: Io, derivation: Derivation, unit?: string): void {
  const { problems, underivable } = derivation;
  for (const p of problems) io.stderr.write(`${p.file}:${p.line}:${p.column}: ${p.message}\n`);
  for (const u of underivable) io.stderr.write(`${u.file}:${u.line}: ${u.action} not granted: ${u.reason}\n`);
  if (underivable.length > 0)
    io.stderr.write(
      `keyless: ${underivable.length} resource(s)${unit === undefined ? '' : ` of ${unit}`} could not be derived from the code and are not in the policy; name them with a literal, an env var (then --env) or a fixed prefix\n`,
    );
}

/** 2 when a file could not be read, 1 when something is underivable or was not followed, else 0. */
export function exitCodeOf(derivation: Derivation): number {
  if (derivation.problems.some((p) => p.kind === 'io')) return 2;
  return derivation.problems.length > 0 || derivation.underivable.length > 0 ? 1 : 0;
}

/**
 * The platform the deployment files under `paths` name, else those of the working directory (a
 * service's manifests sit beside its `src`), said on stderr; else ec2.
 */
export async function detectedPlatform(paths: readonly string[], io: Io, unit?: string): Promise<Platform> {
  const detected =
    detectPlatform(await readDeployFiles(paths, io.cwd)) ??
    detectPlatform(await readDeployFiles(['.'], io.cwd));
  const of = unit === undefined ? '' : ` for ${unit}`;
  if (detected !== undefined) {
    io.stderr.write(
      `keyless: platform ${detected.platform}${of} (from ${detected.evidence}); --platform chooses another\n`,
    );
    return detected.platform;
  }
  io.stderr.write(
    `keyless: no deployment files say where ${unit ?? 'this'} runs; assuming ec2 (--platform chooses another)\n`,
  );
  return 'ec2';
}

/**
 * One unit's policy in the chosen format: the IAM document, the JSON report, or the role as
 * Terraform / CloudFormation (which need `role`). Throws `TypeError` for an `--env` value that
 * does not fit its parameter (a queue URL that is not one).
 */
export function renderPolicy(
  format: PolicyFormat,
  derivation: Derivation,
  render: RenderContext,
  role?: { name: string; platform: Platform },
): string {
  const report = policyReport(derivation, render);
  if (format === 'iam' || format === 'json')
    return `${JSON.stringify(format === 'json' ? report : report.policy, null, 2)}\n`;
  if (role === undefined) throw new TypeError(`--format ${format} needs a role name and platform`);
  return format === 'terraform'
    ? renderTerraform(role.name, derivation.requirements, role.platform)
    : renderCloudFormation(role.name, derivation.requirements, role.platform);
}
