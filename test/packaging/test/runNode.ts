import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and collects its output. `env` replaces the environment; npm's own
 * `npm_*` variables from the `npm test` that started us are dropped, so a child npm behaves as it
 * would in a user's shell (the cache location is kept).
 */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: options.cwd, env: cleanEnv(options.env ?? process.env) });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    proc.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => proc.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const KEPT_NPM_VARS = new Set([
  'npm_config_cache',
  'npm_config_offline',
  'npm_config_registry',
  'npm_config_userconfig',
]);

export function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (name.toLowerCase().startsWith('npm_') && !KEPT_NPM_VARS.has(name.toLowerCase())) continue;
    out[name] = value;
  }
  return out;
}

/** The JSON report a smoke script printed as its last stdout line. */
export function lastJsonLine<T>(result: RunResult): T {
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`no JSON report (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
}
