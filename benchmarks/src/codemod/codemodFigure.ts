import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEnv } from '../child/benchEnv.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, Ratio, Row } from '../report/Figure.js';
import { summarize } from '../stats/summarize.js';
import { buildCorpus, type Corpus } from './buildCorpus.js';
import { CODEMOD_TOOLS, type CodemodTool, type ToolReport } from './codemodTools.js';
import { measureProcess, type ProcessRun } from './measureProcess.js';
import { describeStages, measureScanStages } from './measureScanStages.js';

/** The repository's node_modules, which the corpus is sampled from. */
export const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
/** keyless exits 1 when it found something, which this corpus guarantees. */
const OK_EXIT: Readonly<Record<string, readonly number[]>> = {
  'keyless-scan': [0, 1],
  'keyless-fix': [0, 1],
  // 1: the corpus has calls whose resources are computed at run time (reported as underivable).
  'keyless-policy': [0, 1],
};

interface ToolRuns {
  tool: CodemodTool;
  runs: ProcessRun[];
  report: ToolReport | undefined;
}

async function runTool(
  ctx: FigureContext,
  corpus: Corpus,
  tool: CodemodTool,
  round: number,
): Promise<ProcessRun> {
  const base = join(ctx.scratchDir, 'runs', `${tool.id}-${round}`);
  const run = await measureProcess({
    command: process.execPath,
    args: tool.args(corpus.dir, `${base}.report.json`),
    cwd: ctx.scratchDir,
    env: benchEnv(ctx.scratchDir, { NO_COLOR: '1', AWS_SDK_JS_CODEMOD_SUPRESS_WARNING: '1' }),
    stdoutFile: `${base}.out`,
    stderrFile: `${base}.err`,
    timeoutMs: 15 * 60_000,
  });
  if (run.timedOut || !(OK_EXIT[tool.id] ?? [0]).includes(run.exitCode ?? -1)) {
    const stderr = (await readFile(`${base}.err`, 'utf8')).trim().split('\n').slice(-10).join('\n');
    throw new Error(`${tool.label} ${run.timedOut ? 'timed out' : `exited with ${run.exitCode}`}\n${stderr}`);
  }
  return run;
}

function formatFailures(failures: Record<string, number> | undefined): string | null {
  if (failures === undefined) return null;
  const parts = Object.entries(failures)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ext, n]) => `${ext} ${n}`);
  return parts.length === 0 ? '0' : parts.join(', ');
}

/**
 * Figure 6: `keyless scan`, `keyless fix --dry-run` and `keyless policy` (as a ratio to the scan) against jscodeshift doing the same search (and
 * rewrite) and aws-sdk-js-codemod `--dry`, each a whole process over the same corpus, plus the floor.
 * One untimed warm-up pass (page cache), then rounds with every tool in each; slow tools sit out the
 * later rounds.
 */
export async function codemodFigure(ctx: FigureContext): Promise<Figure> {
  const p = ctx.profile.codemod;
  const corpus = await buildCorpus(
    NODE_MODULES,
    join(ctx.scratchDir, 'corpus'),
    p.nodeModulesFiles,
    p.generatedFiles,
  );
  await mkdir(join(ctx.scratchDir, 'runs'), { recursive: true });
  ctx.log(`  corpus: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB`);
  const results: ToolRuns[] = CODEMOD_TOOLS.filter((tool) => p.allTools || tool.informational !== true).map(
    (tool) => ({ tool, runs: [], report: undefined }),
  );
  for (const id of ['floor', 'keyless-scan']) {
    const warm = results.find((r) => r.tool.id === id);
    if (warm) await runTool(ctx, corpus, warm.tool, -1);
  }
  for (let round = 0; round < p.runs; round++) {
    for (const r of results) {
      if (r.tool.slow && round >= p.slowRuns) continue;
      const run = await runTool(ctx, corpus, r.tool, round);
      r.runs.push(run);
      const base = join(ctx.scratchDir, 'runs', `${r.tool.id}-${round}`);
      r.report = await r.tool.read?.(`${base}.out`, `${base}.report.json`);
      ctx.log(`  ${r.tool.id}: ${(run.wallMs / 1000).toFixed(2)} s`);
    }
  }
  const stages = await measureScanStages(corpus.dir, ctx.scratchDir, p.runs);
  const wall = (id: string) =>
    summarize(results.find((r) => r.tool.id === id)?.runs.map((r) => r.wallMs) ?? []);
  const rows: Row[] = results.map(({ tool, runs, report }) => {
    const ms = summarize(runs.map((r) => r.wallMs));
    const peaks = runs.map((r) => r.peakRssMb).filter((mb): mb is number => mb !== null);
    return {
      id: tool.id,
      label: tool.label,
      kind: tool.kind,
      cells: {
        seconds: summarize(runs.map((r) => r.wallMs / 1000)),
        filesPerS: corpus.files / (ms.median / 1000),
        mbPerS: corpus.bytes / 1e6 / (ms.median / 1000),
        peakRss: peaks.length === 0 ? null : Math.max(...peaks),
        workers: report?.workers ?? null,
        handled: report?.files ?? null,
        parseFailures: formatFailures(report?.parseFailures),
      },
    };
  });
  const keylessFiles = results.find((r) => r.tool.id === 'keyless-scan')?.report?.files ?? 0;
  const ran = (id: string) => results.some((r) => r.tool.id === id);
  const speedup = (id: string, keyless: string, baseline: string, label: string): Ratio[] =>
    ran(baseline)
      ? [{ id: `codemod/${id}`, label, value: wall(baseline).median / wall(keyless).median }]
      : [];
  const ext = Object.entries(corpus.byExtension)
    .map(([e, n]) => `${n} .${e}`)
    .join(', ');
  return {
    id: 'codemod',
    number: 6,
    title: 'Codemod throughput',
    setup:
      `${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB: ${corpus.fromNodeModules} JS/TS files from ` +
      `node_modules (${p.nodeModulesFiles > 0 ? `an evenly spaced sample of ${p.nodeModulesFiles}` : 'all of them'}, ` +
      `over 2 MiB and minified files left out) and ${corpus.generated} generated AWS-heavy files (${ext}). Each ` +
      `tool is a whole process with its default parallelism; ${p.runs} timed rounds ` +
      `(${p.slowRuns} for the slow tools) after one untimed pass of the floor and keyless scan. Wall time is ` +
      'median (min-max); files/s and MB/s use the median; peak RSS sums the process tree, sampled every 50 ms.',
    columns: [
      { key: 'seconds', label: 'wall s', digits: 2 },
      { key: 'filesPerS', label: 'files/s', digits: 0 },
      { key: 'mbPerS', label: 'MB/s', digits: 1 },
      { key: 'peakRss', label: 'peak RSS MB', digits: 0 },
      { key: 'workers', label: 'workers' },
      { key: 'handled', label: 'files handled' },
      { key: 'parseFailures', label: 'parse failures' },
    ],
    rows,
    ratios: [
      ...speedup(
        'scan-vs-jscodeshift',
        'keyless-scan',
        'jscodeshift-scan',
        'keyless scan speed-up over jscodeshift (same search)',
      ),
      ...speedup(
        'fix-vs-jscodeshift',
        'keyless-fix',
        'jscodeshift-fix',
        'keyless fix --dry-run speed-up over jscodeshift (same rewrite)',
      ),
      ...speedup(
        'scan-vs-aws-sdk-js-codemod',
        'keyless-scan',
        'aws-sdk-js-codemod',
        'keyless scan speed-up over aws-sdk-js-codemod --dry',
      ),
      ...speedup(
        'scan-vs-jscodeshift-prefiltered',
        'keyless-scan',
        'jscodeshift-prefiltered',
        'keyless scan speed-up over jscodeshift with the same keyword prefilter',
      ),
      {
        id: 'codemod/scan-vs-floor',
        label: 'keyless scan wall time / reading the files',
        value: wall('keyless-scan').median / wall('floor').median,
      },
      {
        id: 'codemod/policy-vs-scan',
        label: 'keyless policy wall time / keyless scan on the same files',
        value: wall('keyless-policy').median / wall('keyless-scan').median,
      },
      {
        id: 'codemod/keyless-files-missed',
        label: 'corpus files keyless scan did not read',
        value: corpus.files - keylessFiles,
      },
    ],
    notes: [describeStages(stages, p.runs)],
  };
}
