import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchOptions, type FigureId, parseBenchArgs, USAGE } from './BenchOptions.js';
import { codemodFigure } from './codemod/codemodFigure.js';
import { callerWaitsFigure } from './credentials/callerWaitsFigure.js';
import { manyConfigsFigure } from './credentials/manyConfigsFigure.js';
import { metadataRequestsFigure } from './credentials/metadataRequestsFigure.js';
import { offEc2Figure } from './credentials/offEc2Figure.js';
import { outageFigure } from './credentials/outageFigure.js';
import { runCallerStreams, type StreamRun, streamTimings } from './credentials/runCallerStreams.js';
import { warmCallFigure } from './credentials/warmCallFigure.js';
import type { FigureContext } from './FigureContext.js';
import { checkGate, loadThresholds } from './gate/checkGate.js';
import { historyFigure } from './history/historyFigure.js';
import type { BenchResults } from './report/BenchResults.js';
import type { Figure } from './report/Figure.js';
import { formatMarkdown } from './report/formatMarkdown.js';
import { machineInfo } from './report/machineInfo.js';
import { renderLatencyChart } from './report/renderLatencyChart.js';
import { writeResults } from './report/writeResults.js';
import { toMessage } from './toMessage.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

async function run(options: BenchOptions): Promise<number> {
  const started = Date.now();
  const wanted = (id: FigureId) => options.only === undefined || options.only.has(id);
  const scratchDir = await mkdtemp(join(tmpdir(), 'keyless-bench-'));
  const ctx: FigureContext = { profile: options.profile, scratchDir, log: (line) => console.log(line) };
  const machine = await machineInfo();
  const figures: Figure[] = [];
  const failedFigures: BenchResults['gate']['failedFigures'] = [];
  let streams: StreamRun[] | undefined;
  const make = async (id: FigureId, build: () => Promise<Figure>) => {
    if (!wanted(id)) return;
    const begun = Date.now();
    ctx.log(`figure ${id}...`);
    try {
      figures.push(await build());
      ctx.log(`figure ${id} done in ${((Date.now() - begun) / 1000).toFixed(1)} s`);
    } catch (e: unknown) {
      failedFigures.push({ id, error: toMessage(e).split('\n')[0]?.slice(0, 300) ?? '' });
      ctx.log(`figure ${id} FAILED: ${toMessage(e)}`);
    }
  };
  try {
    await make('warm-call', () => warmCallFigure(ctx));
    const needStreams = wanted('caller-waits') || wanted('metadata-requests');
    await make('caller-waits', async () => {
      streams = await runCallerStreams(ctx);
      return callerWaitsFigure(streams, streamTimings(ctx));
    });
    if (needStreams && !wanted('caller-waits')) streams = await runCallerStreams(ctx);
    await make('metadata-requests', () => metadataRequestsFigure(ctx, streams ?? []));
    await make('off-ec2', () => offEc2Figure(ctx));
    await make('outage', () => outageFigure(ctx));
    await make('codemod', () => codemodFigure(ctx));
    await make('history', () => historyFigure(ctx));
    await make('many-configs', () => manyConfigsFigure(ctx));
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }

  figures.sort((a, b) => a.number - b.number);
  const ran = new Set(figures.map((f) => f.id).concat(failedFigures.map((f) => f.id)));
  const thresholds = (await loadThresholds(join(PACKAGE_DIR, 'thresholds.json'))).filter((t) =>
    ran.has(t.ratio.split('/')[0] ?? ''),
  );
  const quick = options.profile.name === 'quick';
  const results: BenchResults = {
    schema: 1,
    mode: options.profile.name,
    command: `npm run bench${quick ? ' -- --quick' : ''}`,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    machine,
    figures,
    gate: checkGate(figures, thresholds, failedFigures),
  };
  const chart =
    streams === undefined
      ? undefined
      : renderLatencyChart(streams, 'Every caller of figure 2: latency over time');
  if (options.only === undefined) {
    const dir = join(PACKAGE_DIR, 'results', ...(quick ? ['quick'] : []));
    const readme = quick ? undefined : { path: join(PACKAGE_DIR, 'README.md'), resultsDir: 'results' };
    await writeResults(dir, results, chart, readme);
    ctx.log(`results written to ${dir}`);
  }
  console.log(`\n${formatMarkdown(results, undefined)}`);
  console.log(
    `bench: ${results.gate.passed ? 'gate passed' : 'GATE FAILED'} in ${(results.durationMs / 1000).toFixed(1)} s`,
  );
  return results.gate.passed ? 0 : 1;
}

let options: BenchOptions | 'help';
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (e: unknown) {
  console.error(`bench: ${toMessage(e)}\n\n${USAGE}`);
  process.exit(2);
}
if (options === 'help') console.log(USAGE);
else process.exitCode = await run(options);
