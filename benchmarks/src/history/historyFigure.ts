import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { benchEnv } from '../child/benchEnv.js';
import { buildCorpus } from '../codemod/buildCorpus.js';
import { NODE_MODULES } from '../codemod/codemodFigure.js';
import { KEYLESS_BIN } from '../codemod/codemodTools.js';
import { measureProcess, type ProcessRun } from '../codemod/measureProcess.js';
import type { FigureContext } from '../FigureContext.js';
import type { Figure, RowKind } from '../report/Figure.js';
import { summarize } from '../stats/summarize.js';
import { buildHistoryRepo, type HistoryRepo } from './buildHistoryRepo.js';

// What a plain per-commit scanner greps the patch stream for: gitleaks' AWS key id prefixes and a
// 40-character secret.
const KEY_PATTERNS = '(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|[A-Za-z0-9/+]{40}';

interface HistoryTool {
  id: string;
  label: string;
  kind: RowKind;
  command: string;
  args: (repo: HistoryRepo, report: string) => string[];
  /** Exit codes of a good run. */
  ok: readonly number[];
}

const TOOLS: readonly HistoryTool[] = [
  {
    id: 'floor',
    label: 'floor: git cat-file --batch on the same blobs',
    kind: 'floor',
    command: '/bin/sh',
    args: (repo) => ['-c', 'exec git cat-file --batch --buffer < "$1"', 'floor', repo.blobList],
    ok: [0],
  },
  {
    id: 'git-log-grep',
    label: 'git log -p --all piped to grep -E (key patterns)',
    kind: 'baseline',
    command: '/bin/sh',
    args: () => ['-c', 'git --no-pager log -p --all --no-color | grep -E -c -e "$1"', 'grep', KEY_PATTERNS],
    ok: [0],
  },
  {
    id: 'keyless-history',
    label: 'keyless scan --history --format json',
    kind: 'keyless',
    command: process.execPath,
    args: (_repo, report) => [KEYLESS_BIN, 'scan', '--history', '--format', 'json', '--output', report],
    ok: [1],
  },
];

interface KeylessReport {
  summary: { files: number; commits: number };
  rotation: { files: string[] }[];
}

async function runTool(ctx: FigureContext, repo: HistoryRepo, tool: HistoryTool, round: number) {
  const base = join(ctx.scratchDir, 'history-runs', `${tool.id}-${round}`);
  const run = await measureProcess({
    command: tool.command,
    args: tool.args(repo, `${base}.report.json`),
    cwd: repo.dir,
    env: benchEnv(ctx.scratchDir, { NO_COLOR: '1' }),
    // The floor's output is the blobs themselves: nothing to keep.
    stdoutFile: tool.id === 'floor' ? '/dev/null' : `${base}.out`,
    stderrFile: `${base}.err`,
    timeoutMs: 15 * 60_000,
  });
  if (run.timedOut || !tool.ok.includes(run.exitCode ?? -1)) {
    const stderr = (await readFile(`${base}.err`, 'utf8')).trim().split('\n').slice(-10).join('\n');
    throw new Error(`${tool.label} ${run.timedOut ? 'timed out' : `exited with ${run.exitCode}`}\n${stderr}`);
  }
  return { run, base };
}

/**
 * Figure 7: `keyless scan --history` over a repository built at run time (a corpus like figure 6's, then
 * a few hundred commits that edit files and add and delete keys), against a floor that only reads
 * the same blobs with `git cat-file --batch` and against `git log -p --all` piped through `grep -E`
 * for the key patterns, the way per-commit diff scanners read history. One untimed pass of each,
 * then rounds with every tool in each.
 */
export async function historyFigure(ctx: FigureContext): Promise<Figure> {
  const p = ctx.profile.history;
  const corpus = await buildCorpus(
    NODE_MODULES,
    join(ctx.scratchDir, 'history-corpus'),
    p.nodeModulesFiles,
    p.generatedFiles,
  );
  const repo = await buildHistoryRepo(corpus.dir, join(ctx.scratchDir, 'history-repo'), p);
  await mkdir(join(ctx.scratchDir, 'history-runs'), { recursive: true });
  ctx.log(`  history: ${repo.commits} commits, ${repo.blobs} blobs, ${repo.leaks} keys added and deleted`);
  const runs = new Map<string, ProcessRun[]>(TOOLS.map((t) => [t.id, []]));
  let report: KeylessReport | undefined;
  let matches = Number.NaN;
  for (const tool of TOOLS) await runTool(ctx, repo, tool, -1);
  for (let round = 0; round < p.runs; round++) {
    for (const tool of TOOLS) {
      const { run, base } = await runTool(ctx, repo, tool, round);
      runs.get(tool.id)?.push(run);
      if (tool.id === 'keyless-history')
        report = JSON.parse(await readFile(`${base}.report.json`, 'utf8')) as KeylessReport;
      if (tool.id === 'git-log-grep') matches = Number((await readFile(`${base}.out`, 'utf8')).trim());
      ctx.log(`  ${tool.id}: ${(run.wallMs / 1000).toFixed(2)} s`);
    }
  }
  const wall = (id: string) => summarize(runs.get(id)?.map((r) => r.wallMs) ?? []);
  const keysFound = report?.rotation.filter((r) => r.files.some((f) => f.startsWith('leaks/'))).length ?? 0;
  return {
    id: 'history',
    number: 7,
    title: 'History scan throughput',
    setup:
      `A git repository built at run time over a corpus made like figure 6's (${corpus.files} files, ` +
      `${(corpus.bytes / 1e6).toFixed(1)} MB): the first commit adds them all, each of the next ` +
      `${repo.commits - 1} edits ${p.editsPerCommit} of them, and every ${p.leakEvery}th adds a file with a ` +
      `generated key that the third commit after deletes (${repo.leaks} keys, none left in the tree): ` +
      `${repo.blobs} distinct blobs. Each tool is a whole process; ${p.runs} timed rounds after one ` +
      'untimed pass of each. Wall time is median (min-max); peak RSS sums the process tree.',
    columns: [
      { key: 'seconds', label: 'wall s', digits: 2 },
      { key: 'blobsPerS', label: 'blobs/s', digits: 0 },
      { key: 'peakRss', label: 'peak RSS MB', digits: 0 },
      { key: 'found', label: 'found' },
    ],
    rows: TOOLS.map((tool) => {
      const own = runs.get(tool.id) ?? [];
      const peaks = own.map((r) => r.peakRssMb).filter((mb): mb is number => mb !== null);
      return {
        id: tool.id,
        label: tool.label,
        kind: tool.kind,
        cells: {
          seconds: summarize(own.map((r) => r.wallMs / 1000)),
          blobsPerS: repo.blobs / (wall(tool.id).median / 1000),
          peakRss: peaks.length === 0 ? null : Math.max(...peaks),
          found:
            tool.id === 'keyless-history'
              ? `${keysFound} of ${repo.leaks} keys`
              : tool.id === 'git-log-grep'
                ? `${matches} matching lines`
                : null,
        },
      };
    }),
    ratios: [
      {
        id: 'history/scan-vs-git-log-grep',
        label: 'keyless scan --history speed-up over git log -p piped to grep',
        value: wall('git-log-grep').median / wall('keyless-history').median,
      },
      {
        id: 'history/scan-vs-floor',
        label: 'keyless scan --history wall time / reading the same blobs',
        value: wall('keyless-history').median / wall('floor').median,
      },
      {
        id: 'history/keys-missed',
        label: 'keys added and deleted in history that keyless did not report',
        value: repo.leaks - keysFound,
      },
      {
        id: 'history/blobs-missed',
        label: 'blobs keyless scan --history did not read',
        value: repo.blobs - (report?.summary.files ?? 0),
      },
    ],
    notes: [],
  };
}
