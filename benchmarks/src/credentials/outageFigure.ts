import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Row } from '../report/Figure.js';
import type { OutageArgs } from './outageScenario.js';
import { SUBJECT_LABELS, SUBJECT_NAMES } from './subjects.js';

/**
 * Figure 5: calls failing during an IMDS outage that outlasts the advisory window and the credentials
 * themselves, and calls answered with credentials the emulator had already let expire.
 */
export async function outageFigure(ctx: FigureContext): Promise<Figure> {
  const { lifetimeMs, intervalMs } = ctx.profile.outage;
  const plan: Omit<OutageArgs, 'subject'> = {
    lifetimeMs,
    rotationLeadMs: lifetimeMs - 800,
    keyless: { advisoryWindowMs: Math.round(lifetimeMs / 3), mandatoryWindowMs: Math.round(lifetimeMs / 20) },
    outageStartMs: Math.round(lifetimeMs / 4),
    outageMs: Math.round(lifetimeMs * 1.5),
    afterMs: Math.round(lifetimeMs / 2),
    intervalMs,
  };
  const runs = await Promise.all(
    SUBJECT_NAMES.map(async (subject) => ({
      subject,
      outage: await runChild(
        'outage',
        { subject, ...plan },
        {
          env: benchEnv(ctx.scratchDir),
          timeoutMs: plan.outageStartMs + plan.outageMs + plan.afterMs + 90_000,
        },
      ),
    })),
  );
  const rows: Row[] = runs.map(({ subject, outage }) => ({
    id: subject,
    label: SUBJECT_LABELS[subject],
    kind: subject === 'keyless' ? 'keyless' : 'baseline',
    cells: {
      beforeFailed: outage.before.failed,
      calls: outage.during.calls,
      failed: outage.during.failed,
      expired: outage.during.expired,
      firstFailure: outage.firstFailureMs,
      afterFailed: outage.after.failed,
      afterExpired: outage.after.expired,
    },
  }));
  const keyless = runs.find((r) => r.subject === 'keyless')?.outage;
  return {
    id: 'outage',
    number: 5,
    title: 'Metadata outage',
    setup:
      `Credentials live ${lifetimeMs} ms (a new set offered 800 ms after the last), 100-200 ms latency on ` +
      `credential requests, a caller every ${intervalMs} ms. ${plan.outageStartMs} ms into the stream every ` +
      `IMDS request answers 503 for ${plan.outageMs} ms (past the advisory window and past expiry), then ` +
      `${plan.afterMs} ms more of calls. keyless: advisoryWindowMs ${plan.keyless.advisoryWindowMs}, ` +
      `mandatoryWindowMs ${plan.keyless.mandatoryWindowMs}. Each subject in its own process with its own emulator.`,
    columns: [
      { key: 'beforeFailed', label: 'failed before' },
      { key: 'calls', label: 'calls during outage' },
      { key: 'failed', label: 'failed during' },
      { key: 'expired', label: 'expired creds during' },
      { key: 'firstFailure', label: 'first failure ms', digits: 0 },
      { key: 'afterFailed', label: 'failed after' },
      { key: 'afterExpired', label: 'expired creds after' },
    ],
    rows,
    ratios: [
      {
        id: 'outage/keyless-failed-calls',
        label: 'keyless calls that failed during the outage',
        value: keyless ? keyless.during.failed + keyless.after.failed : Number.NaN,
      },
      {
        id: 'outage/keyless-expired-after-recovery',
        label: 'share of keyless calls after the outage answered with expired credentials',
        value: keyless && keyless.after.calls > 0 ? keyless.after.expired / keyless.after.calls : Number.NaN,
      },
    ],
    notes: [
      '"Expired creds" counts calls answered with a set whose emulator expiry had passed: the SDK static ' +
        "stability and the SEP's serve-stale rule both do this on purpose; a service would refuse those requests.",
    ],
  };
}
