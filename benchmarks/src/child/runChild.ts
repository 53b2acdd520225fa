import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ScenarioArgs, ScenarioName, ScenarioResult } from './scenarios.js';

/** How a scenario process is started. */
export interface RunChildOptions {
  /** The whole environment of the child (see `benchEnv`). */
  env: Record<string, string>;
  /** Killed after this long; the promise rejects. */
  timeoutMs: number;
}

const CHILD_MAIN = fileURLToPath(new URL('./childMain.ts', import.meta.url));
const TSX_LOADER = import.meta.resolve('tsx');

/** What a scenario process sends back once. */
export type ChildReply<R> = { ok: true; result: R } | { ok: false; error: string };

/**
 * Runs one scenario in a fresh Node process: its own module state (keyless probes and shares per
 * process; the SDK reads `process.env`), its own event loop, and an environment of our choosing.
 */
export function runChild<K extends ScenarioName>(
  scenario: K,
  args: ScenarioArgs<K>,
  options: RunChildOptions,
): Promise<ScenarioResult<K>> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD_MAIN, [scenario], {
      env: options.env,
      execArgv: ['--import', TSX_LOADER],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let reply: ChildReply<ScenarioResult<K>> | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`scenario ${scenario} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('message', (message) => {
      reply = message as ChildReply<ScenarioResult<K>>;
    });
    child.on('error', (e: unknown) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (reply?.ok) resolve(reply.result);
      else {
        const why = reply ? reply.error : `exited with ${signal ?? `code ${code}`} and no result`;
        reject(new Error(`scenario ${scenario}: ${why}\n${stderr.trim().split('\n').slice(-15).join('\n')}`));
      }
    });
    child.send({ args });
  });
}
