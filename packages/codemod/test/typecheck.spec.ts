import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { FixTarget } from '../src/engine/AnalyzeOptions.js';
import { analyzeSource } from '../src/engine/analyzeSource.js';
import { Placeholders } from './placeholders.js';

/**
 * A small repository of hard-coded-key shapes, rewritten by the engine, must type-check with `tsc`
 * against the real `@aws-sdk/client-s3`/`client-sts`, `aws-sdk` v2, `@keyless/credentials` and
 * `@keyless/shims` types. The rewritten copy lives under this package's node_modules so module
 * resolution finds the installed packages, and is removed afterwards.
 */
const execFileAsync = promisify(execFile);
const repo = join(import.meta.dirname, 'fixtures', 'typecheck-repo');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const scratch = join(import.meta.dirname, '..', 'node_modules', `.typecheck-${process.pid}`);
const root = join(import.meta.dirname, '..', '..', '..');

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    target: 'ES2022',
    lib: ['ES2022'],
    types: ['node'],
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
  },
  // The untouched input too, so a failure in a rewritten copy is the rewrite's fault.
  include: ['input', 'sdk-default', 'keyless'],
};

function inputs(): { file: string; text: string }[] {
  const values = new Placeholders();
  return readdirSync(repo)
    .filter((n) => n.endsWith('.input.ts'))
    .map((n) => ({ file: n.replace('.input', ''), text: values.fill(readFileSync(join(repo, n), 'utf8')) }));
}

function write(dir: string, files: { file: string; text: string }[]): void {
  mkdirSync(join(scratch, dir), { recursive: true });
  for (const { file, text } of files) writeFileSync(join(scratch, dir, file), text);
}

function rewrite(
  target: FixTarget,
  files: { file: string; text: string }[],
): { file: string; text: string }[] {
  return files.map(({ file, text }) => {
    const result = analyzeSource(`src/${file}`, text, { fix: true, target });
    expect(result.output, `${file} is rewritten for ${target}`).toBeDefined();
    expect(
      result.findings.filter((f) => !f.fixable).map((f) => f.message),
      `${file}: every finding fixable`,
    ).toEqual([]);
    return { file, text: result.output ?? text };
  });
}

async function typecheck(): Promise<string> {
  try {
    await execFileAsync(process.execPath, [tsc, '-p', join(scratch, 'tsconfig.json')], { cwd: scratch });
    return '';
  } catch (e: unknown) {
    return (e as { stdout?: string }).stdout ?? String(e);
  }
}

describe('rewritten repository type-checks', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('with tsc, for both targets, against the real SDK and @keyless types', async () => {
    const files = inputs();
    write('input', files);
    write('sdk-default', rewrite('sdk-default', files));
    write('keyless', rewrite('keyless', files));
    // CommonJS, so `import x = require()` is allowed next to ES imports, as in most TS services.
    writeFileSync(
      join(scratch, 'package.json'),
      JSON.stringify({ name: 'typecheck-repo', type: 'commonjs' }),
    );
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    let errors = await typecheck();
    // A sibling package rebuilt in parallel (tsup empties dist/ first) looks like a missing module
    // for a few seconds; a real rewrite error does not go away on a second look.
    for (
      let retry = 0;
      retry < 4 && /Cannot find module '@keyless|declaration file for module '@keyless/.test(errors);
      retry++
    ) {
      await new Promise((r) => setTimeout(r, 15_000));
      errors = await typecheck();
    }
    for (const pkg of ['credentials', 'shims']) {
      expect(
        existsSync(join(root, 'packages', pkg, 'dist', 'index.d.cts')),
        `build @keyless/${pkg} first`,
      ).toBe(true);
    }
    expect(errors).toBe('');
  }, 300_000);
});
