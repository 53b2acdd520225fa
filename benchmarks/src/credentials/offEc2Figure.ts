import { fakeStaticKeys } from '@keyless/test-support';
import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Row, RowKind } from '../report/Figure.js';
import { summarize } from '../stats/summarize.js';
import type { OffEc2 } from './offEc2Scenario.js';
import { startBenchEmulator } from './startBenchEmulator.js';

interface Case {
  id: string;
  label: string;
  kind: RowKind;
  subject: 'keyless' | 'sdk-chain';
  staticKeys: boolean;
}

const CASES: readonly Case[] = [
  {
    id: 'sdk-chain/static',
    label: 'SDK default chain, static keys in env',
    kind: 'baseline',
    subject: 'sdk-chain',
    staticKeys: true,
  },
  {
    id: 'sdk-chain/none',
    label: 'SDK default chain, no static keys',
    kind: 'baseline',
    subject: 'sdk-chain',
    staticKeys: false,
  },
  {
    id: 'keyless/static',
    label: 'keyless, static keys in env',
    kind: 'keyless',
    subject: 'keyless',
    staticKeys: true,
  },
  {
    id: 'keyless/none',
    label: 'keyless, no static keys',
    kind: 'keyless',
    subject: 'keyless',
    staticKeys: false,
  },
];

/**
 * Figure 4: how long the first call takes on a host where IMDS is blackholed (the emulator reads each
 * request and never answers), until static keys come back or the provider gives up, each run in a
 * fresh process. keyless asks role sources before static keys; the SDK reads env keys first.
 */
export async function offEc2Figure(ctx: FigureContext): Promise<Figure> {
  const emu = await startBenchEmulator();
  emu.fault({ type: 'hang' });
  const results = new Map<string, OffEc2[]>();
  try {
    await Promise.all(
      CASES.map(async (c) => {
        const runs: OffEc2[] = [];
        for (let i = 0; i < ctx.profile.offEc2.runs; i++) {
          const keys = fakeStaticKeys();
          const env = benchEnv(ctx.scratchDir, {
            AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url,
            ...(c.staticKeys
              ? { AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey }
              : {}),
          });
          runs.push(await runChild('off-ec2', { subject: c.subject }, { env, timeoutMs: 90_000 }));
        }
        results.set(c.id, runs);
      }),
    );
  } finally {
    await emu.stop();
  }
  const rows: Row[] = CASES.map((c) => {
    const runs = results.get(c.id) ?? [];
    const outcomes = new Set(runs.map((r) => (r.staticKeys ? 'static keys' : r.outcome)));
    return {
      id: c.id,
      label: c.label,
      kind: c.kind,
      cells: { ms: summarize(runs.map((r) => r.elapsedMs)), outcome: [...outcomes].join(', ') },
    };
  });
  const median = (id: string) => summarize((results.get(id) ?? []).map((r) => r.elapsedMs)).median;
  return {
    id: 'off-ec2',
    number: 4,
    title: 'Off-EC2 decision time',
    setup:
      'First call of a client in a fresh process, AWS_EC2_METADATA_SERVICE_ENDPOINT pointing at an emulator ' +
      `that never answers (blackholed), default timeouts, ${ctx.profile.offEc2.runs} process(es) per case.`,
    columns: [
      { key: 'ms', label: 'ms until an answer', digits: 0 },
      { key: 'outcome', label: 'outcome' },
    ],
    rows,
    ratios: [
      {
        id: 'off-ec2/keyless-static-vs-sdk-decision',
        label: 'keyless time to static keys / SDK chain time to give up on IMDS',
        value: median('keyless/static') / median('sdk-chain/none'),
      },
      {
        id: 'off-ec2/keyless-none-vs-sdk-none',
        label: 'keyless time to give up / SDK chain time to give up',
        value: median('keyless/none') / median('sdk-chain/none'),
      },
    ],
    notes: [
      'The platform-hint path (DMI files say "not EC2", so IMDS is skipped) cannot be measured here: ' +
        '@keyless/credentials consults the hint only for the default 169.254.169.254 endpoint and offers no ' +
        'way to inject it, and these benchmarks send traffic to 127.0.0.1 only.',
    ],
  };
}
