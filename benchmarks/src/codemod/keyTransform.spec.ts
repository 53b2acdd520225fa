import { mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CODE_KEYWORDS } from '@keyless/codemod/analysis';
import { describe, expect, it } from 'vitest';
import { generateAwsFiles } from './generateAwsFiles.js';

interface Api {
  jscodeshift: unknown;
  j: unknown;
  stats: () => void;
  report: (message: string) => void;
}
type Transform = (
  file: { path: string; source: string },
  api: Api,
  options: Record<string, unknown>,
) => string | undefined;

const require = createRequire(import.meta.url);
const jscodeshift = require('jscodeshift') as unknown;
const keyTransform = require('./keyTransform.cjs') as Transform;

/** Calls the transform the way jscodeshift's worker does, collecting what it reports. */
function apply(path: string, source: string, options: Record<string, unknown> = {}) {
  const reports: string[] = [];
  const api: Api = { jscodeshift, j: jscodeshift, stats: () => {}, report: (m) => reports.push(m) };
  const output = keyTransform({ path, source }, api, options);
  const findings = reports.reduce((n, r) => n + Number(/findings: (\d+)/.exec(r)?.[1] ?? 0), 0);
  return { findings, output };
}

describe('keyTransform (the jscodeshift baseline of figure 6)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'key-transform-'));
  const files = await generateAwsFiles(dir, 6);

  it.each(files.map((f) => [basename(f), f]))('searches %s like keyless would', async (_name, file) => {
    const { findings } = apply(file, await readFile(file, 'utf8'));
    // The LocalStack shape (.jsx) holds placeholder keys only; every other shape holds a key-shaped id.
    if (file.endsWith('.jsx')) expect(findings).toBe(0);
    else expect(findings).toBeGreaterThan(0);
  });

  it('leaves every file alone without --fix=true', async () => {
    for (const file of files) expect(apply(file, await readFile(file, 'utf8')).output).toBeUndefined();
  });

  it('rewrites a v3 client with literal keys to fromInstanceRole() with --fix=true', async () => {
    const file = files.find((f) => f.endsWith('.ts')) ?? '';
    const { output } = apply(file, await readFile(file, 'utf8'), { fix: 'true' });
    expect(output).toContain('credentials: fromInstanceRole()');
    expect(output).toContain("import { fromInstanceRole } from '@keyless/credentials';");
    expect(output).not.toMatch(/AKIA[A-Z2-7]{16}/);
  });

  it("skips a file without keyless's key words unparsed with --prefilter=<CODE_KEYWORDS>", () => {
    const prefilter = CODE_KEYWORDS.source;
    expect(apply('x.ts', 'this is not TypeScript at all {{{', { prefilter }).output).toBeUndefined();
    // `Credentials` alone is not one of keyless's words (`Credentials(` is): skipped like keyless does.
    expect(apply('x.ts', 'withCredentials {{{', { prefilter }).output).toBeUndefined();
    expect(() => apply('x.ts', 'accessKeyId {{{', { prefilter })).toThrow();
    expect(() => apply('x.ts', 'this is not TypeScript at all {{{')).toThrow();
  });
});
