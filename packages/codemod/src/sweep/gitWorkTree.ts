import { spawn } from 'node:child_process';

/** What one buffered git command printed and how it exited. */
export interface GitRun {
  stdout: string;
  code: number | null;
  stderr: string;
}

/** Runs git in `cwd` to the end, buffering its output; never rejects (no git is exit code `null`). */
export function runGit(cwd: string, args: string[]): Promise<GitRun> {
  return new Promise((resolvePromise) => {
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // No git on this machine is the same as "not a work tree": the caller walks the directory.
    child.on('error', () => resolvePromise({ stdout, code: null, stderr: 'git is not installed' }));
    child.on('close', (code) => resolvePromise({ stdout, code, stderr }));
  });
}

/** The root of the git work tree that contains `dir`, or `undefined` outside one (or without git). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const run = await runGit(dir, ['rev-parse', '--show-toplevel']);
  return run.code === 0 ? run.stdout.trim() : undefined;
}

/** Whether git ignores the directory `dir` itself (`node_modules/x` named on the command line). */
export async function gitIgnores(dir: string): Promise<boolean> {
  return (await runGit(dir, ['check-ignore', '-q', '.'])).code === 0;
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
 * Tracked and untracked-but-not-ignored files under `dir`, relative to it, as git streams them.
 * Nested repositories come out as `sub/`.
 */
export async function* gitListFiles(dir: string): AsyncGenerator<string> {
  for await (const p of gitRecords(dir, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    '.',
  ]))
    if (p !== '') yield p;
}

/** What `git status` says about a work tree, paths relative to its root. */
export interface GitStatus {
  /** Tracked files with staged or unstaged changes. */
  changed: string[];
  /** Files git does not track and does not ignore. */
  untracked: string[];
}

/** The uncommitted state of the work tree at `root`. */
export async function gitStatus(root: string): Promise<GitStatus> {
  const run = await runGit(root, ['status', '--porcelain', '-z', '--untracked-files=all']);
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
