import { defineConfig } from 'vitest/config';

/**
 * Test settings every package shares. The JSON reporter feeds the `N passed, N failed` line that
 * `.ci/run` prints, so a run that executed no test is visible.
 */
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts', 'test/**/*.spec.tsx'],
    reporters: ['default', ['json', { outputFile: '.test-results/vitest.json' }]],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
    unstubEnvs: true,
  },
});
