import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** One command to time as a whole process. */
export interface ProcessSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** stdout and stderr go to these files (reports and diffs can be large). */
  stdoutFile: string;
  stderrFile: string;
  timeoutMs: number;
}

/** How one run went. */
export interface ProcessRun {
  wallMs: number;
  /** Highest sampled total RSS of the process and all its descendants, MB; null without /proc. */
  peakRssMb: number | null;
  exitCode: number | null;
  timedOut: boolean;
}

const SAMPLE_MS = 50;

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

async function childrenOf(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** Sum of RSS over a process tree, in KB; processes that exit while being read count as 0. */
async function treeRssKb(pid: number, depth = 0): Promise<number> {
  if (depth > 8) return 0;
  try {
    const [own, kids] = await Promise.all([rssKb(pid), childrenOf(pid)]);
    const rest = await Promise.all(kids.map((kid) => treeRssKb(kid, depth + 1)));
    return own + rest.reduce((a, b) => a + b, 0);
  } catch {
    return 0;
  }
}

/**
 * Runs a command to completion and measures it from the outside, as a user would: wall time from spawn
 * to exit, and peak memory of the whole process tree (jscodeshift forks workers; keyless uses worker
 * threads), sampled every 50 ms from /proc.
 */
export async function measureProcess(spec: ProcessSpec): Promise<ProcessRun> {
  const out = openSync(spec.stdoutFile, 'w');
  const err = openSync(spec.stderrFile, 'w');
  const begun = performance.now();
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', out, err] });
  let peakKb: number | null = null;
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    const pid = child.pid;
    if (pid === undefined) return;
    sampling = sampling.then(async () => {
      const kb = await treeRssKb(pid);
      if (kb > 0) peakKb = Math.max(peakKb ?? 0, kb);
    });
  }, SAMPLE_MS);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, spec.timeoutMs);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code) => resolve(code));
    });
    const wallMs = performance.now() - begun;
    await sampling;
    return { wallMs, peakRssMb: peakKb === null ? null : peakKb / 1024, exitCode, timedOut };
  } finally {
    clearInterval(sampler);
    clearTimeout(timer);
    closeSync(out);
    closeSync(err);
  }
}
