import * as E from '../config/envNames.js';
import { containerSource } from '../sources/containerSource.js';
import type { SourceContext } from '../sources/SourceDriver.js';
import type { DoctorProbe, ProbeOutcome } from './DoctorReport.js';
import { describeRequests } from './describeRequests.js';
import { ProbeBudget } from './ProbeBudget.js';
import type { ProbeGroup } from './ProbeGroup.js';
import { readForProbe } from './readForProbe.js';
import { runSource } from './runSource.js';

/**
 * The ECS / EKS Pod Identity variables this process sees (the token only by its length), then the
 * container source itself against the endpoint they name.
 */
export async function probeContainer(ctx: SourceContext, timeoutMs: number): Promise<ProbeGroup> {
  const envProbe = await probeEnv(ctx);
  const budget = new ProbeBudget(ctx.seams, ctx.clock, timeoutMs);
  try {
    const run = await runSource(containerSource(), { ...ctx, seams: budget.seams }, budget, timeoutMs);
    const { outcome, reason, durationMs } = run.result;
    const seen = describeRequests(budget.requests, { origin: true });
    const detail =
      outcome === 'skipped' ? `not asked: ${reason}` : outcome === 'failed' ? reason : `${seen}: ${reason}`;
    const endpoint: DoctorProbe = {
      id: 'container.endpoint',
      source: 'container',
      outcome,
      detail,
      durationMs,
    };
    return { result: run.result, probes: [envProbe, endpoint] };
  } finally {
    budget.close();
  }
}

async function probeEnv(ctx: SourceContext): Promise<DoctorProbe> {
  const started = ctx.clock.now();
  const { relativeUri, fullUri, token, tokenFile } = ctx.config.container;
  const seen: string[] = [];
  let outcome: ProbeOutcome = relativeUri === undefined && fullUri === undefined ? 'skipped' : 'ok';
  if (relativeUri !== undefined) seen.push(`${E.ENV_CONTAINER_RELATIVE_URI}=${relativeUri} (ECS task role)`);
  if (fullUri !== undefined) seen.push(`${E.ENV_CONTAINER_FULL_URI}=${shownUrl(fullUri)}`);
  if (token !== undefined) seen.push(`${E.ENV_CONTAINER_TOKEN} set (${token.length} chars)`);
  if (tokenFile !== undefined) {
    const content = await readForProbe(ctx, tokenFile);
    if (content === undefined) outcome = 'failed';
    seen.push(
      `${E.ENV_CONTAINER_TOKEN_FILE}=${tokenFile} (${content === undefined ? 'cannot be read' : `${content.trim().length} chars`})`,
    );
  }
  const detail =
    seen.length === 0
      ? `${E.ENV_CONTAINER_RELATIVE_URI} and ${E.ENV_CONTAINER_FULL_URI} are not set`
      : seen.join('; ');
  return { id: 'container.env', source: 'container', outcome, detail, durationMs: ctx.clock.now() - started };
}

// Origin and path only: a query string or user info could carry something private.
function shownUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(not a valid URL)';
  }
}
