'use strict';
// CommonJS consumer: `require` resolves each package's "require" condition (dist/index.cjs).
const { probe } = require('./probe.cjs');

probe('cjs', {
  redact: require('@keyless/redact'),
  emulator: require('@keyless/emulator'),
  credentials: require('@keyless/credentials'),
  shims: require('@keyless/shims'),
  codemod: require('@keyless/codemod'),
  policy: require('@keyless/policy'),
  recorder: require('@keyless/policy/recorder'),
}).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
