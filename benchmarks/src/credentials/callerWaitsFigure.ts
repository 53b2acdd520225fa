import type { Figure, Ratio, Row } from '../report/Figure.js';
import { percentile } from '../stats/summarize.js';
import type { CallerStream } from './callerStreamScenario.js';
import { SDK_WINDOW_MS, type StreamRun, type StreamTimings } from './runCallerStreams.js';
import { LATENCY_STEPS_MS } from './startBenchEmulator.js';
import { SUBJECT_LABELS } from './subjects.js';

/** A caller waited on the network: it settled in a later event-loop turn and took at least this long. */
export const WAIT_THRESHOLD_MS = Math.min(...LATENCY_STEPS_MS) / 2;

/** Calls of a stream that waited on the network. */
export function waitingCalls(stream: CallerStream): number {
  return stream.latencyMs.filter((ms, i) => ms >= WAIT_THRESHOLD_MS && stream.deferred[i] === true).length;
}

function rowOf(run: StreamRun): Row {
  const sorted = [...run.stream.latencyMs].sort((a, b) => a - b);
  const calls = sorted.length + run.stream.failures;
  return {
    id: run.subject,
    label: SUBJECT_LABELS[run.subject],
    kind: run.subject === 'keyless' ? 'keyless' : 'baseline',
    cells: {
      calls,
      waited: waitingCalls(run.stream),
      failed: run.stream.failures,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? null,
      refreshes: run.refreshes,
    },
  };
}

/** Figure 2: callers that waited on the network over many refreshes, and their p99/max latency. */
export function callerWaitsFigure(runs: readonly StreamRun[], t: StreamTimings): Figure {
  const rows = runs.map(rowOf);
  const cell = (id: string, key: string): number => {
    const value = rows.find((r) => r.id === id)?.cells[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  const ratios: Ratio[] = [
    {
      id: 'caller-waits/keyless-waiting-callers',
      label: 'keyless callers that waited',
      value: cell('keyless', 'waited'),
    },
    {
      id: 'caller-waits/keyless-failed-callers',
      label: 'keyless callers that failed',
      value: cell('keyless', 'failed'),
    },
    {
      id: 'caller-waits/keyless-p99-vs-sdk-imds',
      label: 'keyless p99 / SDK fromInstanceMetadata p99',
      value: cell('keyless', 'p99') / cell('sdk-imds', 'p99'),
    },
    {
      id: 'caller-waits/keyless-max-vs-sdk-imds',
      label: 'keyless max / SDK fromInstanceMetadata max',
      value: cell('keyless', 'max') / cell('sdk-imds', 'max'),
    },
  ];
  return {
    id: 'caller-waits',
    number: 2,
    title: 'Callers that wait on the network',
    setup:
      `A caller every ${t.intervalMs} ms for ${(t.durationMs / 1000).toFixed(1)} s after one cold call, all ` +
      `subjects at once, each in its own process against its own emulator. Credentials live ` +
      `${t.lifetimeMs} ms (emulated; the emulator clock runs ${SDK_WINDOW_MS / 60_000} min ahead so the ` +
      `SDK's fixed 5-minute window opens once per lifetime), a new set is offered ${t.lifetimeMs - t.rotationLeadMs} ms ` +
      `after the last, every IMDS credentials request is delayed 100-200 ms. keyless: advisoryWindowMs ` +
      `${t.keyless.advisoryWindowMs}, mandatoryWindowMs ${t.keyless.mandatoryWindowMs}, same clock. A caller ` +
      `waited when it settled in a later event-loop turn and took >= ${WAIT_THRESHOLD_MS} ms.`,
    columns: [
      { key: 'calls', label: 'calls' },
      { key: 'waited', label: 'waited' },
      { key: 'failed', label: 'failed' },
      { key: 'p50', label: 'p50 ms', digits: 3 },
      { key: 'p99', label: 'p99 ms', digits: 3 },
      { key: 'max', label: 'max ms', digits: 1 },
      { key: 'refreshes', label: 'refreshes' },
    ],
    rows,
    ratios,
    notes: ['The chart below draws every caller of this run.'],
  };
}
