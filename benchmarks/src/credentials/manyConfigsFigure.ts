import type { Emulator } from '@keyless/emulator';
import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Row } from '../report/Figure.js';
import { LATENCY_STEPS_MS, startBenchEmulator } from './startBenchEmulator.js';
import { SUBJECT_LABELS, SUBJECT_NAMES, type SubjectName } from './subjects.js';

/**
 * Figure 8: thousands of providers of distinct configurations called at once. keyless shares one IMDS
 * client per endpoint (token, role name, in-flight fetch) across configurations; each SDK provider
 * instance has its own.
 */
export async function manyConfigsFigure(ctx: FigureContext): Promise<Figure> {
  const { configs } = ctx.profile.manyConfigs;
  const rows: Row[] = [];
  // One subject at a time: thousands of concurrent SDK fetches would starve the others' event loops.
  for (const subject of SUBJECT_NAMES) {
    const emu: Emulator = await startBenchEmulator({ latencyStepsMs: LATENCY_STEPS_MS });
    try {
      const env = benchEnv(ctx.scratchDir, { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url });
      const result = await runChild('many-configs', { subject, configs }, { env, timeoutMs: 300_000 });
      const imds = emu.requests().filter((r) => r.kind.startsWith('imds-'));
      rows.push({
        id: subject,
        label: SUBJECT_LABELS[subject],
        kind: subject === 'keyless' ? 'keyless' : 'baseline',
        cells: { requests: imds.length, failed: result.failures, elapsedMs: result.elapsedMs },
      });
    } finally {
      await emu.stop();
    }
  }
  const num = (id: SubjectName, key: string): number => {
    const value = rows.find((r) => r.id === id)?.cells[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  return {
    id: 'many-configs',
    number: 8,
    title: 'Many configurations in one process',
    setup:
      `A fresh process per subject builds ${configs} providers, each of a distinct configuration (keyless: ` +
      'an advisory window 1 ms apart; the SDK: one provider instance each), and calls each once, all at ' +
      'the same moment, against an emulator with 100-200 ms latency on credentials; requests counted by ' +
      'the emulator.',
    columns: [
      { key: 'requests', label: 'IMDS requests' },
      { key: 'failed', label: 'failed calls' },
      { key: 'elapsedMs', label: 'burst ms', digits: 0 },
    ],
    rows,
    ratios: [
      {
        id: 'many-configs/keyless-requests',
        label: 'keyless IMDS requests',
        value: num('keyless', 'requests'),
      },
      {
        id: 'many-configs/keyless-failed',
        label: 'keyless calls that failed',
        value: num('keyless', 'failed'),
      },
      {
        id: 'many-configs/keyless-failed-vs-sdk-imds',
        label: 'keyless failed calls / SDK fromInstanceMetadata failed calls (NaN when the SDK failed none)',
        value: num('keyless', 'failed') / num('sdk-imds', 'failed'),
      },
    ],
    notes: [],
  };
}
