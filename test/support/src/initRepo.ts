import { execFileSync } from 'node:child_process';

/** Runs git in `cwd` and returns its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git init` with a local identity, then commits everything present. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'keyless test');
  git(dir, 'config', 'user.email', 'test@keyless.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'fixture');
}

/** Commits everything present with `date` as author and committer date; returns the commit id. */
export function commitAt(dir: string, message: string, date: string): string {
  git(dir, 'add', '-A');
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', message], {
    cwd: dir,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    stdio: 'ignore',
  });
  return git(dir, 'rev-parse', 'HEAD').trim();
}
