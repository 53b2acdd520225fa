import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectWorkingLibraries } from './expectWorkingLibraries.js';
import { LIBRARIES, PUBLIC_API, type SmokeReport } from './publicApi.js';
import { lastJsonLine, run } from './runNode.js';

// Node itself (not vitest's module runner) resolves the packages by name from this workspace, through
// each package's `exports`: `import` gets dist/index.js, `require` gets dist/index.cjs.
const HERE = fileURLToPath(new URL('..', import.meta.url));

let esm: SmokeReport;
let cjs: SmokeReport;

beforeAll(async () => {
  const [esmRun, cjsRun] = await Promise.all([
    run(process.execPath, ['test/smoke/smoke.mjs'], { cwd: HERE }),
    run(process.execPath, ['test/smoke/smoke.cjs'], { cwd: HERE }),
  ]);
  esm = lastJsonLine(esmRun);
  cjs = lastJsonLine(cjsRun);
}, 60_000);

describe('the built packages, imported and required by name', () => {
  it.each([
    ['import', () => esm],
    ['require', () => cjs],
  ] as const)(
    '%s: public functions exist and the libraries work together against the emulator',
    (_how, report) => {
      expect(report().format).toBe(_how === 'import' ? 'esm' : 'cjs');
      expectWorkingLibraries(report());
    },
  );

  it.each(LIBRARIES)('%s exports the same names, of the same kinds, to import and to require', (name) => {
    expect(Object.keys(esm.exports[name])).toEqual(expect.arrayContaining([...PUBLIC_API[name]]));
    expect(cjs.exports[name]).toEqual(esm.exports[name]);
  });
});
