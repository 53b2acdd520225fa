#!/usr/bin/env node
// Committed (not built) so that `npm ci` links `keyless` into node_modules/.bin: npm links a
// workspace's bin only if the file exists at install time, and dist/ exists only after the build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/bin.js', import.meta.url);
if (existsSync(fileURLToPath(built))) {
  await import(built.href);
} else {
  process.stderr.write(
    `keyless: the CLI is not built yet (${fileURLToPath(built)} is missing).\n` +
      'Run `npm run build` (or `npm start`) at the root of the keyless repository, then try again.\n',
  );
  process.exitCode = 2;
}
