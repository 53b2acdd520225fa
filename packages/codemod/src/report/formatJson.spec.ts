import { fakeAccessKeyId, fakeSecretAccessKey, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweep } from '../sweep/sweep.js';
import { standInAnalyzer } from '../sweep/testing/standInAnalyzer.js';
import { formatBaseline } from './formatBaseline.js';
import { formatJson } from './formatJson.js';

describe(formatJson.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('has the documented finding fields, masked ids, positions and a summary', async () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    await writeTree(dir, {
      'app/s3.js': `new S3({\n  accessKeyId: '${id}', secretAccessKey: '${secret}' });\n`,
    });
    const result = await sweep({ paths: ['app'], cwd: dir, analyzer: standInAnalyzer() });
    const text = formatJson(result);
    expect(text).not.toContain(id);
    expect(text).not.toContain(secret);
    const report = JSON.parse(text);
    expect(report.findings[0]).toEqual({
      ruleId: 'aws-access-key-id',
      severity: 'error',
      file: 'app/s3.js',
      line: 2,
      column: 17,
      endLine: 2,
      endColumn: 37,
      message: expect.stringContaining(`${id.slice(0, 4)}…${id.slice(-4)}`),
      keyId: `${id.slice(0, 4)}…${id.slice(-4)}`,
      fixable: true,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}:0$/),
    });
    expect(report.findings[1]).toMatchObject({ ruleId: 'aws-secret-access-key', keyId: null, column: 58 });
    expect(report.summary).toMatchObject({
      files: 1,
      findings: 2,
      bySeverity: { error: 1, warning: 1, note: 0 },
    });
    expect(report.rotation).toEqual([
      {
        keyId: `${id.slice(0, 4)}…${id.slice(-4)}`,
        keyHash: expect.any(String),
        files: ['app/s3.js'],
        occurrences: 1,
      },
    ]);
  });

  it('is accepted as a baseline, like the file formatBaseline writes', async () => {
    await writeTree(dir, { 'a.ts': `const k = '${fakeAccessKeyId()}';\n` });
    const analyzer = standInAnalyzer();
    const first = await sweep({ paths: ['.'], cwd: dir, analyzer });
    await writeTree(dir, { 'report.json': formatJson(first), 'baseline.json': formatBaseline(first) });
    for (const baseline of ['report.json', 'baseline.json']) {
      const again = await sweep({ paths: ['a.ts'], cwd: dir, analyzer, baseline });
      expect(again.findings).toEqual([]);
      expect(again.summary.baselined).toBe(1);
    }
    expect(JSON.parse(formatBaseline(first)).findings).toEqual([
      { fingerprint: first.findings[0]?.fingerprint, ruleId: 'aws-access-key-id', file: 'a.ts', line: 1 },
    ]);
  });
});
