// The CLI's in-memory Io for its specs; key-shaped values, temp dirs and git repositories come from
// @keyless/test-support.
import { PassThrough } from 'node:stream';
import type { Io } from '../src/Io.js';

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
