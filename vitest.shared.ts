import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Test settings every package shares. The JSON reporter feeds the `N passed, N failed` line that
 * `.ci/run` prints, so a run that executed no test is visible. The setup file starts every test
 * file from a clean AWS environment and fails any test that connects or resolves off loopback
 * (test/setup).
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.spec.tsx'],
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    setupFiles: [fileURLToPath(new URL('./test/setup/src/vitestSetup.ts', import.meta.url))],
    restoreMocks: true,
    unstubEnvs: true,
  },
});
