import { spawn, spawnSync } from 'node:child_process';

/** What one buffered git command printed and how it exited. */
export interface GitRun {
  stdout: string;
  code: number | null;
  stderr: string;
}

// Synchronous: a sweep's main thread has nothing else to do while git answers, and a spawn the
// event loop must wake up for costs more than the wait. `ls-files` of a 100,000-file tree is a
// few MB, well inside the buffer.
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

/** Runs git in `cwd` to the end, buffering its output; never throws (no git is exit code `null`). */
export function runGit(cwd: string, args: string[]): GitRun {
  const run = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: MAX_GIT_OUTPUT,
  });
  // No git on this machine is the same as "not a work tree": the caller walks the directory.
  if (run.error !== undefined) return { stdout: '', code: null, stderr: 'git is not installed' };
  return { stdout: run.stdout, code: run.status, stderr: run.stderr };
}

/** The root of the git work tree that contains `dir`, or `undefined` outside one (or without git). */
export function gitTopLevel(dir: string): string | undefined {
  const run = runGit(dir, ['rev-parse', '--show-toplevel']);
  return run.code === 0 ? run.stdout.trim() : undefined;
}

/** Whether git ignores the directory `dir` itself (`node_modules/x` named on the command line). */
export function gitIgnores(dir: string): boolean {
  return runGit(dir, ['check-ignore', '-q', '.']).code === 0;
}

/**
 * The NUL-separated records a git command prints (`-z`), as it streams them, so a 100,000-entry
 * listing is never held as one string. Rejects when git fails, with its stderr.
 */
export async function* gitRecords(dir: string, args: string[]): AsyncGenerator<string> {
  const child = spawn('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', resolvePromise);
  });
  let rest = '';
  let read = false;
  try {
    for await (const chunk of child.stdout.setEncoding('utf8')) {
      const parts = (rest + (chunk as string)).split('\0');
      rest = parts.pop() ?? '';
      for (const p of parts) yield p;
    }
    read = true;
  } finally {
    // A consumer that stops early must not leave git blocked on a full pipe.
    if (!read) child.kill();
  }
  if (rest !== '') yield rest;
  const code = await exited;
  if (code !== 0)
    throw new Error(
      `git ${args.find((a) => /^[a-z][a-z-]*$/.test(a))} failed in ${dir}: ${stderr.trim() || `exit ${code}`}`,
    );
}

/**
 * Tracked and untracked-but-not-ignored files under `dir`, relative to it. Nested repositories
 * come out as `sub/`.
 */
export function gitListFiles(dir: string): string[] {
  const run = runGit(dir, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', '.']);
  if (run.code !== 0)
    throw new Error(`git ls-files failed in ${dir}: ${run.stderr.trim() || `exit ${run.code}`}`);
  return run.stdout.split('\0').filter((p) => p !== '');
}

/** What `git status` says about a work tree, paths relative to its root. */
export interface GitStatus {
  /** Tracked files with staged or unstaged changes. */
  changed: string[];
  /** Files git does not track and does not ignore. */
  untracked: string[];
}

/** The uncommitted state of the work tree at `root`. */
export function gitStatus(root: string): GitStatus {
  const run = runGit(root, ['status', '--porcelain', '-z', '--untracked-files=all']);
  if (run.code !== 0)
    throw new Error(`git status failed in ${root}: ${run.stderr.trim() || `exit ${run.code}`}`);
  const entries = run.stdout.split('\0');
  const status: GitStatus = { changed: [], untracked: [] };
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry.length < 4) continue;
    if (entry.startsWith('??')) status.untracked.push(entry.slice(3));
    else status.changed.push(entry.slice(3));
    // A rename or copy is followed by its source path, which has no status of its own.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return status;
}
