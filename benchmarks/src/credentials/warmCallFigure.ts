import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Row, RowKind } from '../report/Figure.js';
import { summarize } from '../stats/summarize.js';
import { startBenchEmulator } from './startBenchEmulator.js';
import type { WarmCallTask } from './warmCallScenario.js';

const ROWS: ReadonlyArray<{ id: string; label: string; kind: RowKind }> = [
  { id: 'floor', label: 'floor: an already-resolved promise', kind: 'floor' },
  {
    id: 'sdk-imds/client',
    label: 'SDK fromInstanceMetadata in a client (memoizeIdentityProvider)',
    kind: 'baseline',
  },
  { id: 'sdk-chain/client', label: 'SDK default chain in a client (no credentials given)', kind: 'baseline' },
  { id: 'sdk-chain/direct', label: 'SDK fromNodeProviderChain() called directly', kind: 'baseline' },
  { id: 'keyless/client', label: 'keyless fromInstanceRole() in a client', kind: 'keyless' },
  { id: 'keyless/direct', label: 'keyless fromInstanceRole() called directly', kind: 'keyless' },
];

/** Per-round ratio a/b, summarised: both were measured in the same round, so load drift cancels. */
function roundRatios(a: WarmCallTask, b: WarmCallTask) {
  return summarize(a.nsPerOp.map((ns, i) => ns / (b.nsPerOp[i] ?? Number.NaN)));
}

/** Figure 1: warm call cost in ns/op, keyless against the SDK's providers and the floor. */
export async function warmCallFigure(ctx: FigureContext): Promise<Figure> {
  const emu = await startBenchEmulator();
  let tasks: WarmCallTask[];
  try {
    const env = benchEnv(ctx.scratchDir, { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url });
    tasks = await runChild('warm-call', ctx.profile.warmCall, { env, timeoutMs: 120_000 });
  } finally {
    await emu.stop();
  }
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const get = (id: string): WarmCallTask => {
    const task = byId.get(id);
    if (task === undefined) throw new Error(`warm-call scenario did not measure ${id}`);
    return task;
  };
  const floor = get('floor');
  const sdkImds = get('sdk-imds/client');
  const rows: Row[] = ROWS.map(({ id, label, kind }) => ({
    id,
    label,
    kind,
    cells: {
      ns: summarize(get(id).nsPerOp),
      vsFloor: roundRatios(get(id), floor).median,
      vsSdkImds: roundRatios(get(id), sdkImds).median,
    },
  }));
  const { rounds, timeMs } = ctx.profile.warmCall;
  return {
    id: 'warm-call',
    number: 1,
    title: 'Warm call cost',
    setup:
      `Credentials already cached (6 h lifetime, nothing refreshes). tinybench, ${timeMs} ms per task per ` +
      `round after warm-up, ${rounds} rounds with every task in each round. A sample is 100 sequential ` +
      'awaited calls; ns/op is the median sample of a round / 100, shown as median (min-max) over rounds; ' +
      'ratios are per-round ratios, median over rounds.',
    columns: [
      { key: 'ns', label: 'ns/op', digits: 0 },
      { key: 'vsFloor', label: 'x floor', digits: 2 },
      { key: 'vsSdkImds', label: 'x SDK IMDS (client)', digits: 2 },
    ],
    rows,
    ratios: [
      {
        id: 'warm-call/keyless-client-vs-sdk-imds',
        label: 'keyless in a client / SDK fromInstanceMetadata in a client',
        value: roundRatios(get('keyless/client'), sdkImds).median,
      },
      {
        id: 'warm-call/keyless-client-vs-sdk-chain',
        label: 'keyless in a client / SDK default chain in a client',
        value: roundRatios(get('keyless/client'), get('sdk-chain/client')).median,
      },
      {
        id: 'warm-call/keyless-direct-vs-sdk-chain-direct',
        label: 'keyless direct / fromNodeProviderChain() direct',
        value: roundRatios(get('keyless/direct'), get('sdk-chain/direct')).median,
      },
    ],
    notes: [],
  };
}
