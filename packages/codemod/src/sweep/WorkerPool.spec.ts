// Runs the BUILT package (dist/, made by `turbo run build` before the tests): worker threads only
// exist there, since the worker entry is a compiled file beside the bundle.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Codemod from '../index.js';
import { generateKeyId, generateSecret } from './testing/generateKeys.js';
import { tempDir, writeTree } from './testing/tempRepo.js';

const distEsm = new URL('../../dist/index.js', import.meta.url).href;
const distCjs = new URL('../../dist/index.cjs', import.meta.url).pathname;

describe('sweep in worker threads (built package)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  async function tree(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => generateKeyId());
    const files: Record<string, string> = {};
    ids.forEach((id, i) => {
      files[`pkg${i % 7}/src/client${i}.ts`] =
        `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: '${id}', secretAccessKey: '${generateSecret()}' } });\n`;
    });
    files['pkg0/src/clean.ts'] = 'export const region = "eu-west-1";\n';
    await writeTree(dir, files);
    return ids;
  }

  it('gives the same findings from two workers as in-process, with the real engine (ESM build)', async () => {
    const { sweep } = (await import(distEsm)) as typeof Codemod;
    const ids = await tree(40);
    const threaded = await sweep({ paths: ['.'], cwd: dir, workers: 2 });
    const inline = await sweep({ paths: ['.'], cwd: dir, workers: 0 });
    expect(threaded.summary.workers).toBe(2);
    expect(inline.summary.workers).toBe(0);
    expect(threaded.summary.files).toBe(41);
    const strip = (r: typeof threaded) => ({ ...r, summary: { ...r.summary, durationMs: 0, workers: 0 } });
    expect(strip(threaded)).toEqual(strip(inline));
    expect(new Set(threaded.rotation.map((r) => r.keyHash)).size).toBe(ids.length);
    expect(JSON.stringify(threaded)).not.toMatch(new RegExp(ids.join('|')));
  });

  it('runs the worker from the CommonJS build too', async () => {
    const { sweep } = createRequire(import.meta.url)(distCjs) as typeof Codemod;
    await tree(5);
    const result = await sweep({ paths: ['.'], cwd: dir, workers: 1 });
    expect(result.summary.workers).toBe(1);
    expect(result.rotation).toHaveLength(5);
  });

  it('switches to workers by itself once a tree passes the threshold', async () => {
    const { sweep } = (await import(distEsm)) as typeof Codemod;
    await writeTree(
      dir,
      Object.fromEntries(Array.from({ length: 520 }, (_, i) => [`f${i}.ts`, `export const n${i} = ${i};\n`])),
    );
    const big = await sweep({ paths: ['.'], cwd: dir });
    expect(big.summary.files).toBe(520);
    expect(big.summary.workers).toBeGreaterThan(0);
    const small = await sweep({ paths: ['f1.ts', 'f2.ts'], cwd: dir });
    expect(small.summary.workers).toBe(0);
  });
});
