// Test-only helpers for the CLI's specs. Key-shaped values, temp directories and git repositories
// come from the sweep's own test helpers (one copy in the repo); the in-memory Io is the CLI's.
import { PassThrough } from 'node:stream';
import { tempDir as sweepTempDir } from '../../codemod/src/sweep/testing/tempRepo.js';
import type { Io } from '../src/Io.js';

export {
  generateKeyId as keyId,
  generateSecret as secretKey,
} from '../../codemod/src/sweep/testing/generateKeys.js';
export { commitAt, git, initRepo, writeTree } from '../../codemod/src/sweep/testing/tempRepo.js';

/** `AKIA…WXYZ`, written out here so expectations do not reuse the code under test. */
export function masked(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  return sweepTempDir('keyless-cli-');
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
