// Runs the BUILT package (dist/, made by `turbo run build` before the tests): worker threads only
// exist there, since the worker entry is a compiled file beside the bundle.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fakeAccessKeyId, fakeSecretAccessKey, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Codemod from '../index.js';
import type { FileSettings } from './analyzeFile.js';
import { defaultWorkers } from './chooseThreads.js';
import { hashOf } from './testing/hashOf.js';
import { WorkerPool } from './WorkerPool.js';

const distEsm = new URL('../../dist/index.js', import.meta.url).href;
const distCjs = new URL('../../dist/index.cjs', import.meta.url).pathname;

// Each test starts worker threads that load oxc-parser: seconds on a loaded machine.
describe('sweep in worker threads (built package)', { timeout: 60_000 }, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  async function tree(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => fakeAccessKeyId());
    const files: Record<string, string> = {};
    ids.forEach((id, i) => {
      files[`pkg${i % 7}/src/client${i}.ts`] =
        `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ credentials: { accessKeyId: '${id}', secretAccessKey: '${fakeSecretAccessKey()}' } });\n`;
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

  it('goes on past a file nested deep enough to crash the parser in a worker thread', async () => {
    const { sweep } = (await import(distEsm)) as typeof Codemod;
    const ids = await tree(3);
    const deepId = fakeAccessKeyId();
    // 6 KB of parentheses overflowed oxc-parser's stack in a worker: SIGSEGV, no report at all.
    await writeTree(dir, {
      'deep.js': `// ${deepId}\nconst accessKeyId = ${'('.repeat(3000)}1${')'.repeat(3000)};\n`,
    });
    const result = await sweep({ paths: ['.'], cwd: dir, workers: 1 });
    expect(result.summary.workers).toBe(1);
    expect(result.errors).toEqual([
      expect.objectContaining({
        file: 'deep.js',
        kind: 'parse',
        message: expect.stringMatching(/nested more/),
      }),
    ]);
    expect(result.rotation.map((r) => r.keyHash).sort()).toEqual([...ids, deepId].map(hashOf).sort());
  });

  it('runs the worker from the CommonJS build too', async () => {
    const { sweep } = createRequire(import.meta.url)(distCjs) as typeof Codemod;
    await tree(5);
    const result = await sweep({ paths: ['.'], cwd: dir, workers: 1 });
    expect(result.summary.workers).toBe(1);
    expect(result.rotation).toHaveLength(5);
  });

  it('switches to workers by itself once a tree passes the threshold, where there are CPUs for them', async () => {
    const { sweep } = (await import(distEsm)) as typeof Codemod;
    await writeTree(
      dir,
      Object.fromEntries(Array.from({ length: 520 }, (_, i) => [`f${i}.ts`, `export const n${i} = ${i};\n`])),
    );
    const big = await sweep({ paths: ['.'], cwd: dir });
    expect(big.summary.files).toBe(520);
    expect(big.summary.workers).toBe(defaultWorkers(availableParallelism()));
    const small = await sweep({ paths: ['f1.ts', 'f2.ts'], cwd: dir });
    expect(small.summary.workers).toBe(0);
  });
});

describe(WorkerPool.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  const settings: FileSettings = {
    cwd: '/',
    roots: ['/'],
    fix: false,
    dryRun: false,
    target: 'keyless',
    maxFileBytes: 1,
  };
  const task = { path: '/x.ts', file: 'x.ts', root: '/', git: false };

  it('turns a worker that dies into rejected files, then refuses new work', async () => {
    await writeTree(dir, {
      'crash.mjs':
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    });
    const pool = new WorkerPool(`${dir}/crash.mjs`, 1, settings);
    try {
      await expect(pool.run(task)).rejects.toThrow('sweep worker exited with code 3');
      await expect(pool.run(task)).rejects.toThrow('every sweep worker has crashed');
    } finally {
      await pool.close();
    }
  });

  it('passes a failure reported by the worker on as a rejection', async () => {
    await writeTree(dir, {
      'fail.mjs':
        "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => parentPort.postMessage({ replies: m.items.map((i) => ({ id: i.id, error: 'disk on fire' })) }));\n",
    });
    const pool = new WorkerPool(`${dir}/fail.mjs`, 2, settings);
    try {
      await expect(pool.run(task)).rejects.toThrow('disk on fire');
    } finally {
      await pool.close();
    }
  });

  it('needs at least one worker', () => {
    expect(() => new WorkerPool(`${dir}/none.mjs`, 0, settings)).toThrow(TypeError);
  });
});
