import type { Settings } from '../config/resolveConfig.js';
import { detectPlatform, type PlatformHint } from '../platform/detectPlatform.js';
import { imdsSource } from '../sources/imdsSource.js';
import type { SourceContext } from '../sources/SourceDriver.js';
import type { DoctorProbe, DoctorProbeId, ProbeOutcome } from './DoctorReport.js';
import { describeRequests, requestsDuration } from './describeRequests.js';
import { ProbeBudget, type ProbeRequest } from './ProbeBudget.js';
import type { ProbeGroup } from './ProbeGroup.js';
import { runSource, type SourceRun } from './runSource.js';

type Step = 'token' | 'role' | 'credentials';
const STEPS: readonly [Step, DoctorProbeId][] = [
  ['token', 'imds.token'],
  ['role', 'imds.role'],
  ['credentials', 'imds.credentials'],
];

/**
 * The DMI platform hint, then the IMDS source itself (its own client, skip rules and probe-once
 * logic), split into the token, role and credentials steps by the requests it made.
 */
export async function probeImds(ctx: SourceContext, timeoutMs: number): Promise<ProbeGroup> {
  const hintStarted = ctx.clock.now();
  const hint = await detectPlatform(ctx.seams.readFile);
  const hintProbe: DoctorProbe = {
    id: 'imds.platform-hint',
    source: 'imds',
    ...describeHint(hint, ctx.settings.imds),
    durationMs: ctx.clock.now() - hintStarted,
  };
  const budget = new ProbeBudget(ctx.seams, ctx.clock, timeoutMs);
  try {
    const run = await runSource(imdsSource(), { ...ctx, seams: budget.seams }, budget, timeoutMs);
    return { result: run.result, probes: [hintProbe, ...steps(run, budget.requests, ctx)] };
  } finally {
    budget.close();
  }
}

function describeHint(hint: PlatformHint, imds: Settings['imds']): { outcome: ProbeOutcome; detail: string } {
  const verdict = { ec2: 'an EC2 instance', 'not-ec2': 'not an EC2 instance', unknown: 'cannot tell' }[
    hint.kind
  ];
  const outcome = ({ ec2: 'ok', 'not-ec2': 'failed', unknown: 'inconclusive' } as const)[hint.kind];
  const note = imds.disabled
    ? '; not consulted: IMDS is disabled'
    : imds.explicitEndpoint
      ? '; not consulted: the IMDS endpoint is set explicitly'
      : '';
  return { outcome, detail: `${verdict} (${hint.evidence})${note}` };
}

function stepOf(request: ProbeRequest): Step {
  const path = request.url.pathname;
  if (path.endsWith('/api/token')) return 'token';
  return /\/security-credentials(-extended)?\/$/.test(path) ? 'role' : 'credentials';
}

function steps(run: SourceRun, requests: readonly ProbeRequest[], ctx: SourceContext): DoctorProbe[] {
  const now = ctx.clock.now();
  const { settled, result } = run;
  const probe = (id: DoctorProbeId, outcome: ProbeOutcome, detail: string, durationMs = 0): DoctorProbe => ({
    id,
    source: 'imds',
    outcome,
    detail,
    durationMs,
  });
  if (settled === undefined)
    return STEPS.map(([, id]) => probe(id, 'skipped', `not asked: ${result.reason}`));
  const last = requests.at(-1);
  const failedAt: Step | undefined =
    settled.kind === 'ok' ? undefined : last === undefined ? 'token' : stepOf(last);
  const failedIndex = STEPS.findIndex(([step]) => step === failedAt);
  const credentialsUrl = requests.find((r) => stepOf(r) === 'credentials')?.url;
  return STEPS.map(([step, id], index) => {
    const mine = requests.filter((r) => stepOf(r) === step);
    const durationMs = requestsDuration(mine, now);
    const seen = describeRequests(mine, { origin: false });
    if (failedIndex !== -1 && index > failedIndex) return probe(id, 'skipped', 'not reached');
    if (step === failedAt) {
      const outcome = settled.kind === 'timeout' ? 'timeout' : 'failed';
      return probe(id, outcome, seen === '' ? result.reason : `${seen}: ${result.reason}`, durationMs);
    }
    if (step === 'role' && mine.length === 0) {
      const name = ctx.settings.imds.instanceProfileName;
      return probe(id, 'ok', `role "${name}" from the instance profile name setting (not discovered)`);
    }
    const lastStatus = mine.at(-1)?.response?.status;
    const extra =
      step === 'role' && credentialsUrl !== undefined
        ? `: role "${decodeURIComponent(credentialsUrl.pathname.split('/').at(-1) ?? '')}"`
        : step === 'credentials'
          ? `: ${result.reason}`
          : lastStatus === 200
            ? ''
            : ': continued without a token (IMDSv1 allowed)';
    return probe(id, lastStatus === 200 ? 'ok' : 'failed', `${seen}${extra}`, durationMs);
  });
}
