import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'node20',
  // import.meta.url in the CJS build, for createRequire in src/v2/loadAwsSdkV2.ts
  shims: true,
});
