import type { Emulator } from '@keyless/emulator';
import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Row } from '../report/Figure.js';
import type { ColdCallers } from './coldCallersScenario.js';
import type { StreamRun } from './runCallerStreams.js';
import { LATENCY_STEPS_MS, startBenchEmulator } from './startBenchEmulator.js';
import { SUBJECT_LABELS, SUBJECT_NAMES, type SubjectName } from './subjects.js';

interface ColdRun {
  subject: SubjectName;
  result: ColdCallers;
  requests: number;
  tokenRequests: number;
}

async function runCold(ctx: FigureContext): Promise<ColdRun[]> {
  const emulators = await Promise.all(
    SUBJECT_NAMES.map(() => startBenchEmulator({ latencyStepsMs: LATENCY_STEPS_MS })),
  );
  try {
    return await Promise.all(
      SUBJECT_NAMES.map(async (subject, i) => {
        const emu = emulators[i] as Emulator;
        const env = benchEnv(ctx.scratchDir, { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url });
        const result = await runChild(
          'cold-callers',
          { subject, ...ctx.profile.cold },
          { env, timeoutMs: 90_000 },
        );
        const imds = emu.requests().filter((r) => r.kind.startsWith('imds-'));
        return {
          subject,
          result,
          requests: imds.length,
          tokenRequests: imds.filter((r) => r.kind === 'imds-token').length,
        };
      }),
    );
  } finally {
    await Promise.all(emulators.map((emu) => emu.stop()));
  }
}

/**
 * Figure 3: IMDS requests per refresh (from figure 2's steady state) and for a burst of cold callers
 * spread over several clients (each client built the way the subject is used).
 */
export async function metadataRequestsFigure(
  ctx: FigureContext,
  streams: readonly StreamRun[],
): Promise<Figure> {
  const cold = await runCold(ctx);
  const rows: Row[] = SUBJECT_NAMES.map((subject) => {
    const stream = streams.find((s) => s.subject === subject);
    const burst = cold.find((c) => c.subject === subject);
    return {
      id: subject,
      label: SUBJECT_LABELS[subject],
      kind: subject === 'keyless' ? 'keyless' : 'baseline',
      cells: {
        perRefresh: stream && stream.refreshes > 0 ? stream.steadyRequests / stream.refreshes : null,
        coldRequests: burst?.requests ?? null,
        coldTokens: burst?.tokenRequests ?? null,
        coldMs: burst?.result.elapsedMs ?? null,
        coldFailed: burst?.result.failures ?? null,
      },
    };
  });
  const num = (id: SubjectName, key: string): number => {
    const value = rows.find((r) => r.id === id)?.cells[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  const { callers, clients } = ctx.profile.cold;
  return {
    id: 'metadata-requests',
    number: 3,
    title: 'Requests to the metadata service',
    setup:
      'Per refresh: IMDS requests (token, role, credentials) during figure 2 after the cold call, divided by ' +
      `the new credential sets the callers saw. Cold burst: a fresh process per subject builds ${clients} ` +
      `clients and makes ${callers} concurrent first calls spread over them, against an emulator with the ` +
      'same 100-200 ms latency; requests counted by the emulator.',
    columns: [
      { key: 'perRefresh', label: 'requests per refresh', digits: 2 },
      { key: 'coldRequests', label: `requests, ${callers} cold callers` },
      { key: 'coldTokens', label: 'of which token PUTs' },
      { key: 'coldMs', label: 'burst ms', digits: 0 },
      { key: 'coldFailed', label: 'failed' },
    ],
    rows,
    ratios: [
      {
        id: 'metadata-requests/keyless-per-refresh',
        label: 'keyless requests per refresh',
        value: num('keyless', 'perRefresh'),
      },
      {
        id: 'metadata-requests/keyless-cold-vs-sdk-imds',
        label: 'keyless cold-burst requests / SDK fromInstanceMetadata',
        value: num('keyless', 'coldRequests') / num('sdk-imds', 'coldRequests'),
      },
      {
        id: 'metadata-requests/keyless-cold-vs-sdk-chain',
        label: 'keyless cold-burst requests / SDK default chain',
        value: num('keyless', 'coldRequests') / num('sdk-chain', 'coldRequests'),
      },
      {
        id: 'metadata-requests/keyless-cold-failed',
        label: 'keyless cold callers that failed',
        value: num('keyless', 'coldFailed'),
      },
    ],
    notes: [],
  };
}
