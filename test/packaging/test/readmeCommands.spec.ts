import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAsFreshClone } from './freshClone.js';
import { cleanEnv, run } from './runNode.js';
import { type ShellCommand, shellCommands } from './shellCommands.js';

// Every command of every README and of the guide, run as written in a scratch copy of the repository,
// in file order (the root README's `npm ci && npm start` comes first and builds the copy; before
// each later file the copy goes back to its first commit, keeping node_modules and dist). Offline:
// npm may use only its cache, and anything outside `keyless emulator -- ...` that asks IMDS is
// pointed at a closed port on 127.0.0.1. The trailing comment of a line says what to expect:
//   `exits <n>` / `exit <n>`  the exit code (default 0);
//   `until Ctrl-C`            a server: it must start and keep running, then stop on Ctrl-C;
//   `needs AWS`               skipped, and listed on the console (nothing else is skipped).
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const GUIDE = 'docs/moving-off-access-keys.md';
// `npm ci && npm start` took over 8 min on a machine at load 44.
const COMMAND_TIMEOUT_MS = 900_000;
/** How long a server must keep running before it counts as started. */
const SERVING_MS = 8_000;

/**
 * Commands `.ci/run` runs as they are written (checked below), so they are not run again here:
 * `npm test` and the packaging tests contain this very test (it would recurse), `npm ci` ran as part
 * of the root README's first line, and the quick benchmarks take minutes.
 */
const RUN_BY_CI = new Map([
  ['npm ci && npm test', ['npm ci', 'npm test']],
  ['npx turbo run test --filter=@keyless/packaging-tests', ['npm test']],
  ['npm ci', ['npm ci']],
  ['npm run bench -- --quick', ['npm run bench -- --quick']],
]);

const markdownFiles = (await run('git', ['ls-files', '*README.md', GUIDE], { cwd: REPO_ROOT })).stdout
  .split('\n')
  .filter(Boolean)
  // The root README first: its quick start installs and builds the copy the others run in.
  .sort((a, b) => Number(b === 'README.md') - Number(a === 'README.md') || a.localeCompare(b));
const commands: ShellCommand[] = [];
for (const file of markdownFiles)
  commands.push(...shellCommands(file, await readFile(join(REPO_ROOT, file), 'utf8')));

let work: string;
let clone: string;
let env: Record<string, string>;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'keyless-readme-'));
  clone = join(work, 'keyless');
  await copyAsFreshClone(REPO_ROOT, clone);
  await git('-c', 'user.name=keyless', '-c', 'user.email=keyless@example.test', 'commit', '-qm', 'clone');
  // As a clone has it: the branch main, and origin/main where it came from.
  await git('branch', '-M', 'main');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  const home = join(work, 'home');
  await mkdir(home);
  const cache = (await run('npm', ['config', 'get', 'cache'], { cwd: REPO_ROOT })).stdout.trim();
  env = cleanEnv({
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'))),
    // A home of its own (no ~/.aws of the machine), the machine's npm cache, and no network for npm.
    HOME: home,
    npm_config_cache: cache,
    npm_config_offline: 'true',
    // Port 9 (discard) is closed: a command that reaches for IMDS outside the emulator fails fast.
    AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
  });
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function git(...args: string[]): Promise<void> {
  const result = await run('git', args, { cwd: clone });
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.stderr}`);
}

function expectedCode(comment: string): number {
  const match = /\bexits? (\d+)\b/.exec(comment);
  return match === null ? 0 : Number(match[1]);
}

/** Starts a server command in its own process group, lets it serve, then presses Ctrl-C. */
async function serveThenInterrupt(command: string): Promise<{ stopped: string; output: string }> {
  const proc = spawn('bash', ['-c', command], { cwd: clone, env, detached: true });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = once(proc, 'exit');
  const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), SERVING_MS))]);
  if (early !== undefined) return { stopped: 'before Ctrl-C', output };
  // Ctrl-C: SIGINT to the whole foreground process group, as a terminal sends it.
  process.kill(-(proc.pid ?? 0), 'SIGINT');
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  // Whatever the command started and left behind goes too, so nothing outlives the test.
  try {
    process.kill(-(proc.pid ?? 0), 'SIGKILL');
  } catch {}
  return { stopped: signal ?? `exit ${code}`, output };
}

describe('every README and guide command, run as written in a scratch copy', () => {
  it('finds the commands, and every one the suite cannot run itself is run by .ci/run', async () => {
    expect(commands.length).toBeGreaterThan(20);
    expect(commands[0]?.command).toBe('npm ci && npm start');
    const ciLines = (await readFile(join(REPO_ROOT, '.ci/run'), 'utf8')).split('\n');
    for (const { command } of commands) {
      const inCi = RUN_BY_CI.get(command);
      if (inCi === undefined) continue;
      expect(ciLines).toEqual(expect.arrayContaining(inCi));
      console.log(`readme commands: not run here, .ci/run runs it: ${command}`);
    }
  });

  let lastFile = 'README.md';
  it.each(commands.filter((c) => !RUN_BY_CI.has(c.command)).map((c) => [`${c.file}:${c.line}`, c] as const))(
    '%s',
    async (_, { file, command, comment }) => {
      if (file !== lastFile) {
        await git('reset', '-q', '--hard');
        await git('clean', '-fdq');
        lastFile = file;
      }
      if (/\bneeds AWS\b/.test(comment)) {
        console.log(`readme commands: SKIPPED, marked "needs AWS": ${command}`);
        return;
      }
      if (/\buntil Ctrl-C\b/.test(comment)) {
        const { stopped, output } = await serveThenInterrupt(command);
        expect(['exit 0', 'exit 130', 'SIGINT'], output).toContain(stopped);
        return;
      }
      const result = await run('bash', ['-c', command], { cwd: clone, env, timeoutMs: COMMAND_TIMEOUT_MS });
      expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(expectedCode(comment));
    },
    COMMAND_TIMEOUT_MS + 10_000,
  );
});
