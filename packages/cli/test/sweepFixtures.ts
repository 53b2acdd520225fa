// Test-only helpers for the scan/fix commands: key-shaped values made at run time (never
// committed), temp directories and repositories, and an in-memory Io.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Io } from '../src/Io.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / value.length) * Math.log2(n / value.length);
  return bits;
}

/** A fresh access key id of the live shape, with the entropy of a real one (>= 3.5 bits). */
export function keyId(prefix = 'AKIA'): string {
  for (;;) {
    const id = prefix + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('');
    if (entropy(id) >= 3.5 && !id.includes('EXAMPLE')) return id;
  }
}

/** A fresh 40-character secret access key with mixed case and digits. */
export function secretKey(): string {
  for (;;) {
    const s = randomBytes(30).toString('base64');
    if (/[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s)) return s;
  }
}

/** `AKIA…WXYZ`. */
export function masked(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'keyless-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `git init` with a local identity, and a first commit of everything present. */
export function initRepo(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'keyless test');
  git(dir, 'config', 'user.email', 'test@keyless.invalid');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'fixture');
}

/** An Io over buffers; `tty` makes stdout/stderr claim to be terminals. */
export function captureIo(cwd: string, env: Record<string, string> = {}, tty = false) {
  const stdout = Object.assign(new PassThrough(), { isTTY: tty });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const io: Io = { stdout, stderr, cwd, env };
  return { io, out: () => out, err: () => err };
}
