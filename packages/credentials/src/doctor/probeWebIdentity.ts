import * as E from '../config/envNames.js';
import type { SourceContext } from '../sources/SourceDriver.js';
import { webIdentitySource } from '../sources/webIdentitySource.js';
import type { DoctorProbe, ProbeOutcome } from './DoctorReport.js';
import { ProbeBudget } from './ProbeBudget.js';
import type { ProbeGroup } from './ProbeGroup.js';
import { readForProbe } from './readForProbe.js';
import { runSource } from './runSource.js';

/**
 * The web identity token file (read, never shown), then the web identity source itself: STS
 * `AssumeRoleWithWebIdentity` through the SDK's `fromWebToken`, cut off by the doctor's time bound.
 */
export async function probeWebIdentity(ctx: SourceContext, timeoutMs: number): Promise<ProbeGroup> {
  const fileProbe = await probeTokenFile(ctx);
  const budget = new ProbeBudget(ctx.seams, ctx.clock, timeoutMs);
  try {
    const run = await runSource(webIdentitySource(), { ...ctx, seams: budget.seams }, budget, timeoutMs);
    const { outcome, reason, durationMs } = run.result;
    const { roleArn, stsEndpoint, region } = ctx.settings.webIdentity;
    const where = `AssumeRoleWithWebIdentity for ${roleArn ?? '(no role ARN)'} at ${stsEndpoint ?? `STS in ${region}`}`;
    const detail =
      outcome === 'skipped' ? `not asked: ${reason}` : outcome === 'failed' ? reason : `${where}: ${reason}`;
    const sts: DoctorProbe = { id: 'web-identity.sts', source: 'web-identity', outcome, detail, durationMs };
    return { result: run.result, probes: [fileProbe, sts] };
  } finally {
    budget.close();
  }
}

async function probeTokenFile(ctx: SourceContext): Promise<DoctorProbe> {
  const started = ctx.clock.now();
  const { tokenFile } = ctx.settings.webIdentity;
  let outcome: ProbeOutcome = 'skipped';
  let detail = `${E.ENV_WEB_IDENTITY_TOKEN_FILE} is not set`;
  if (tokenFile !== undefined) {
    const token = (await readForProbe(ctx, tokenFile))?.trim();
    outcome = token === undefined || token === '' ? 'failed' : 'ok';
    detail =
      token === undefined
        ? `${tokenFile} cannot be read`
        : token === ''
          ? `${tokenFile} is empty`
          : `${tokenFile} (${token.length} chars)`;
  }
  return {
    id: 'web-identity.token-file',
    source: 'web-identity',
    outcome,
    detail,
    durationMs: ctx.clock.now() - started,
  };
}
