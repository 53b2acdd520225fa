#!/usr/bin/env node
import { once } from 'node:events';
import { main } from './main.js';

const untilSignal = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined);
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onSignal(listener: (signal: NodeJS.Signals) => void): () => void {
  for (const signal of FORWARDED) process.on(signal, listener);
  return () => {
    for (const signal of FORWARDED) process.off(signal, listener);
  };
}

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  untilSignal,
  onSignal,
}).then(
  (code) => {
    process.exitCode = code;
    // Signal listeners would otherwise keep a finished command alive.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGHUP');
  },
  (error: unknown) => {
    process.stderr.write(`keyless: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
