import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Ratio, Row } from '../report/Figure.js';
import type { Outage, OutageArgs } from './outageScenario.js';
import { type KeylessTuning, SUBJECT_LABELS, SUBJECT_NAMES, type SubjectName } from './subjects.js';

/** One row of the figure: a subject, and for keyless whether its background refresh is on. */
interface Case {
  id: string;
  label: string;
  subject: SubjectName;
  prefetch?: boolean;
}

/** Every subject as the other figures run it, plus keyless without its background refresh. */
const CASES: readonly Case[] = [
  ...SUBJECT_NAMES.map((subject) => ({ id: subject, label: SUBJECT_LABELS[subject], subject })),
  {
    id: 'keyless-no-prefetch',
    label: `${SUBJECT_LABELS.keyless}, prefetch: false`,
    subject: 'keyless',
    prefetch: false,
  },
];

/** The stream goes on at least this long after the outage, so a recovery within a second shows with room. */
const MIN_AFTER_MS = 3000;

/**
 * Figure 5: calls failing during an IMDS outage that outlasts the advisory window and the credentials
 * themselves, calls answered with credentials the emulator had already let expire, how long after the
 * outage the first fresh set arrives, and how hard each cache asks the failing service.
 */
export async function outageFigure(ctx: FigureContext): Promise<Figure> {
  const { lifetimeMs, intervalMs } = ctx.profile.outage;
  const keyless: KeylessTuning = {
    advisoryWindowMs: Math.round(lifetimeMs / 3),
    mandatoryWindowMs: Math.round(lifetimeMs / 20),
  };
  const plan: Omit<OutageArgs, 'subject' | 'keyless'> = {
    lifetimeMs,
    rotationLeadMs: lifetimeMs - 800,
    outageStartMs: Math.round(lifetimeMs / 4),
    outageMs: Math.round(lifetimeMs * 1.5),
    afterMs: Math.max(Math.round(lifetimeMs / 2), MIN_AFTER_MS),
    intervalMs,
  };
  const runs = await Promise.all(
    CASES.map(async (c) => ({
      case: c,
      outage: await runChild(
        'outage',
        {
          subject: c.subject,
          keyless: { ...keyless, ...(c.prefetch === undefined ? {} : { prefetch: c.prefetch }) },
          ...plan,
        },
        {
          env: benchEnv(ctx.scratchDir),
          timeoutMs: plan.outageStartMs + plan.outageMs + plan.afterMs + 90_000,
        },
      ),
    })),
  );
  const rows: Row[] = runs.map(({ case: c, outage }) => ({
    id: c.id,
    label: c.label,
    kind: c.subject === 'keyless' ? 'keyless' : 'baseline',
    cells: {
      beforeFailed: outage.before.failed,
      calls: outage.during.calls,
      failed: outage.during.failed,
      expired: outage.during.expired,
      firstFailure: outage.firstFailureMs,
      requestsPerSecond: requestsPerSecond(outage),
      peakPerSecond: outage.outageRequestsPeakPerSecond,
      recoveryLag: outage.recoveryLagMs,
      afterFailed: outage.after.failed,
      afterExpired: outage.after.expired,
    },
  }));
  const outageOf = (id: string) => runs.find((r) => r.case.id === id)?.outage;
  const sdkChain = outageOf('sdk-chain');
  return {
    id: 'outage',
    number: 5,
    title: 'Metadata outage',
    setup:
      `Credentials live ${lifetimeMs} ms (a new set offered 800 ms after the last), 100-200 ms latency on ` +
      `credential requests, a caller every ${intervalMs} ms. ${plan.outageStartMs} ms into the stream every ` +
      `IMDS request answers 503 for ${plan.outageMs} ms (past the advisory window and past expiry), then ` +
      `${plan.afterMs} ms more of calls. keyless: advisoryWindowMs ${keyless.advisoryWindowMs}, ` +
      `mandatoryWindowMs ${keyless.mandatoryWindowMs}, with its background refresh (prefetch) on and off. ` +
      'Each row in its own process with its own emulator, all at once. Recovery lag: ms from the moment ' +
      'the 503 fault is lifted to the first answer with a set the emulator has not let expire.',
    columns: [
      { key: 'beforeFailed', label: 'failed before' },
      { key: 'calls', label: 'calls during outage' },
      { key: 'failed', label: 'failed during' },
      { key: 'expired', label: 'expired creds during' },
      { key: 'firstFailure', label: 'first failure ms', digits: 0 },
      { key: 'requestsPerSecond', label: 'IMDS requests/s during', digits: 2 },
      { key: 'peakPerSecond', label: 'most IMDS requests in 1 s' },
      { key: 'recoveryLag', label: 'recovery lag ms', digits: 0 },
      { key: 'afterFailed', label: 'failed after' },
      { key: 'afterExpired', label: 'expired creds after' },
    ],
    rows,
    ratios: [
      {
        id: 'outage/keyless-failed-calls',
        label: 'keyless calls that failed during the outage',
        value: failedCalls(outageOf('keyless')),
      },
      {
        id: 'outage/keyless-no-prefetch-failed-calls',
        label: 'keyless (prefetch: false) calls that failed during the outage',
        value: failedCalls(outageOf('keyless-no-prefetch')),
      },
      ...recoveryRatios('keyless', 'keyless', outageOf('keyless'), sdkChain),
      ...recoveryRatios(
        'keyless-no-prefetch',
        'keyless (prefetch: false)',
        outageOf('keyless-no-prefetch'),
        sdkChain,
      ),
    ],
    notes: [
      '"Expired creds" counts calls answered with a set whose emulator expiry had passed: the SDK static ' +
        "stability and the SEP's serve-stale rule both do this on purpose; a service would refuse those requests.",
      'IMDS requests are counted by the emulator (token, role name and credentials requests alike) while ' +
        'the outage lasts; every row is one process with one client, so one cache.',
      'A recovery lag of "–" means no call after the outage got an unexpired set.',
    ],
  };
}

function failedCalls(outage: Outage | undefined): number {
  return outage ? outage.during.failed + outage.after.failed : Number.NaN;
}

function requestsPerSecond(outage: Outage): number {
  return outage.outageLastedMs > 0 ? outage.outageRequests / (outage.outageLastedMs / 1000) : Number.NaN;
}

/** Recovery lag, expired calls after recovery and peak request rate of one keyless row, against the SDK chain. */
function recoveryRatios(
  id: string,
  label: string,
  outage: Outage | undefined,
  sdkChain: Outage | undefined,
): Ratio[] {
  const lag = outage?.recoveryLagMs ?? Number.NaN;
  return [
    {
      id: `outage/${id}-recovery-lag-ms`,
      label: `${label} recovery lag, ms`,
      value: lag,
    },
    {
      id: `outage/${id}-recovery-lag-vs-sdk-chain`,
      label: `${label} recovery lag / SDK default chain recovery lag`,
      value: lag / (sdkChain?.recoveryLagMs ?? Number.NaN),
    },
    {
      id: `outage/${id}-expired-after-recovery`,
      label: `share of ${label} calls after the outage answered with expired credentials`,
      value: outage && outage.after.calls > 0 ? outage.after.expired / outage.after.calls : Number.NaN,
    },
    {
      id: `outage/${id}-expired-calls-after-recovery`,
      label: `${label} calls after the outage answered with expired credentials`,
      value: outage?.after.expired ?? Number.NaN,
    },
    {
      id: `outage/${id}-peak-requests-per-second`,
      label: `most IMDS requests ${label} made within 1 s of the outage`,
      value: outage?.outageRequestsPeakPerSecond ?? Number.NaN,
    },
  ];
}
