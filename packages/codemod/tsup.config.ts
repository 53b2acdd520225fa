import { defineConfig } from 'tsup';

export default defineConfig({
  // The sweep's worker thread entry must sit beside the bundle that starts it (see WorkerPool.ts).
  entry: {
    index: 'src/index.ts',
    analysis: 'src/analysis/index.ts',
    sweepWorker: 'src/sweep/sweepWorker.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  // The CJS build needs `import.meta.url` to find the worker file next to it.
  shims: true,
});
