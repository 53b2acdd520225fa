import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The machine and software a run measured. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started: a hint of how noisy the machine was. */
  loadAverage: number;
  /** The repository commit measured, with `+changes` when the keyless packages had uncommitted edits. */
  commit: string;
  packages: Record<string, string>;
}

const PACKAGES = [
  '@keyless/credentials',
  '@keyless/codemod',
  '@keyless/emulator',
  'keyless',
  '@smithy/credential-provider-imds',
  '@aws-sdk/credential-provider-node',
  '@aws-sdk/client-sts',
  'jscodeshift',
  'aws-sdk-js-codemod',
  'tinybench',
] as const;

const require = createRequire(import.meta.url);

/** The package's package.json: directly, or up from its entry point when an export map hides it. */
function packageJsonOf(name: string): string[] {
  try {
    return [require.resolve(`${name}/package.json`)];
  } catch {
    const candidates: string[] = [];
    let dir = dirname(fileURLToPath(import.meta.resolve(name)));
    for (let depth = 0; depth < 6; depth++, dir = dirname(dir)) candidates.push(join(dir, 'package.json'));
    return candidates;
  }
}

async function versionOf(name: string): Promise<string> {
  try {
    for (const file of packageJsonOf(name)) {
      const text = await readFile(file, 'utf8').catch(() => '{}');
      const json = JSON.parse(text) as { name?: string; version?: string };
      if (json.name === name) return json.version ?? 'unknown';
    }
    return 'unknown';
  } catch {
    return 'not installed';
  }
}

async function commitOf(dir: string): Promise<string> {
  const git = (...args: string[]) =>
    promisify(execFile)('git', args, { cwd: dir }).then((r) => r.stdout.trim());
  try {
    const [sha, changes] = await Promise.all([
      git('rev-parse', '--short', 'HEAD'),
      git('status', '--porcelain', '--', '../packages'),
    ]);
    return changes === '' ? sha : `${sha}+changes`;
  } catch {
    return 'unknown';
  }
}

export async function machineInfo(): Promise<MachineInfo> {
  const cores = cpus();
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) packages[name] = await versionOf(name);
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    loadAverage: loadavg()[0] ?? 0,
    commit: await commitOf(fileURLToPath(new URL('../..', import.meta.url))),
    packages,
  };
}
