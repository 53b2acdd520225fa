import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchEnv } from '../child/benchEnv.js';

const SCAN_STAGES = fileURLToPath(new URL('./scanStages.mjs', import.meta.url));

/** Milliseconds of each stage of an in-process scan (see `scanStages.mjs`). */
export interface ScanStages {
  start: number;
  list: number;
  read: number;
  parse: number;
  analyse: number;
  report: number;
  sweep: number;
  parsedFiles: number;
  first: Omit<ScanStages, 'start' | 'first'>;
}

/** Runs `scanStages.mjs` over the corpus in a fresh process with the benchmark's environment. */
export async function measureScanStages(
  corpusDir: string,
  scratchDir: string,
  rounds: number,
): Promise<ScanStages> {
  const { stdout } = await promisify(execFile)(process.execPath, [SCAN_STAGES, corpusDir, String(rounds)], {
    cwd: scratchDir,
    env: benchEnv(scratchDir),
    maxBuffer: 1024 * 1024,
  });
  return JSON.parse(stdout) as ScanStages;
}

const STAGES = ['list', 'read', 'parse', 'analyse', 'report'] as const;

/** The stages as one line of the figure's notes, with each stage's share of the sum. */
export function describeStages(s: ScanStages, rounds: number): string {
  const total = STAGES.reduce((sum, k) => sum + s[k], 0);
  const parts = STAGES.map((k) => `${k} ${s[k].toFixed(0)} ms (${((s[k] / total) * 100).toFixed(0)} %)`);
  return (
    `Stages of keyless scan, each timed alone in one process (\`scanStages.mjs\`, median of ${rounds} rounds after ` +
    `module loading of ${s.start.toFixed(0)} ms): ${parts.join(', ')}; ${s.parsedFiles} files got past the ` +
    `keyword prefilter and were parsed. The whole in-process sweep took ${s.sweep.toFixed(0)} ms ` +
    `(${s.first.sweep.toFixed(0)} ms in the first, cold round).`
  );
}
