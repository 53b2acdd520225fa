import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const NODE_MAJOR = process.versions.node.split('.')[0];

/**
 * Test settings every package shares. The JSON reporter feeds the `N passed, N failed` line that
 * `.ci/run` prints per Node version, so a run that executed no test is visible. The setup file starts every test
 * file from a clean AWS environment and fails any test that connects or resolves off loopback
 * (test/setup).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.spec.tsx'],
    // One report per Node major, so the runs under Node 22 and 24 do not overwrite Node 20's.
    reporters: ['default', ['json', { outputFile: `.test-results/vitest-node${NODE_MAJOR}.json` }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    setupFiles: [fileURLToPath(new URL('./test/setup/src/vitestSetup.ts', import.meta.url))],
    restoreMocks: true,
    unstubEnvs: true,
  },
});
