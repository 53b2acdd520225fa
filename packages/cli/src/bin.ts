#!/usr/bin/env node
import { once } from 'node:events';
import { main } from './main.js';

const untilSignal = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]).then(() => undefined);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  untilSignal,
}).then(
  (code) => {
    process.exitCode = code;
    // Signal listeners would otherwise keep a finished command alive.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  },
  (error: unknown) => {
    process.stderr.write(`keyless: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
