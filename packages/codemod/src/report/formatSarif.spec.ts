import { fakeAccessKeyId, fakeSecretAccessKey, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweep } from '../sweep/sweep.js';
import { standInAnalyzer } from '../sweep/testing/standInAnalyzer.js';
import { formatSarif } from './formatSarif.js';

describe(formatSarif.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  async function sarifOf(files: Record<string, string>, options = {}) {
    await writeTree(dir, files);
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer: standInAnalyzer() });
    const text = formatSarif(result, options);
    return { text, log: JSON.parse(text), result };
  }

  it('is a SARIF 2.1.0 log with the parts GitHub code scanning requires', async () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    const { text, log } = await sarifOf(
      { 'src/my app/s3#1.ts': `const c = { accessKeyId: '${id}', secretAccessKey: '${secret}' };\n` },
      { toolVersion: '1.2.3' },
    );
    expect(text).not.toContain(id);
    expect(text).not.toContain(secret);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'keyless', semanticVersion: '1.2.3' });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'aws-access-key-id',
      'aws-secret-access-key',
    ]);
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.help.text).toBeTruthy();
      expect(rule.properties.tags).toContain('security');
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
    }
    const [first, second] = run.results;
    expect(first).toMatchObject({
      ruleId: 'aws-access-key-id',
      ruleIndex: 0,
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/my%20app/s3%231.ts' },
            region: { startLine: 1, startColumn: 27, endLine: 1, endColumn: 47 },
          },
        },
      ],
    });
    expect(second.ruleIndex).toBe(1);
    expect(first.partialFingerprints['keylessFingerprint/v1']).toMatch(/^[0-9a-f]{32}:0$/);
    expect(first.message.text).toContain(`${id.slice(0, 4)}…${id.slice(-4)}`);
    expect(JSON.stringify(log)).not.toContain('snippet');
  });

  it('gives the same ruleId and fingerprint on the next run after unrelated edits', async () => {
    const id = fakeAccessKeyId();
    const a = await sarifOf({ 'a.ts': `const k = '${id}';\n` });
    const b = await sarifOf({ 'a.ts': `import x from 'y';\n\nconst k = '${id}';\n` });
    const [ra, rb] = [a.log.runs[0].results[0], b.log.runs[0].results[0]];
    expect(rb.ruleId).toBe(ra.ruleId);
    expect(rb.partialFingerprints).toEqual(ra.partialFingerprints);
    expect(rb.locations[0].physicalLocation.region.startLine).toBe(3);
  });

  it('reports unreadable and unparseable files as tool notifications, and names the shard', async () => {
    const { log } = await sarifOf(
      { 'bad.ts': `@@unparseable@@ ${fakeAccessKeyId()}\n` },
      { automationId: 'keyless/shard-2-of-4/' },
    );
    const run = log.runs[0];
    expect(run.automationDetails).toEqual({ id: 'keyless/shard-2-of-4/' });
    expect(run.invocations[0].executionSuccessful).toBe(true);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: expect.stringContaining('cannot parse bad.ts') },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'bad.ts' },
              region: { startLine: 1, startColumn: 1 },
            },
          },
        ],
      },
    ]);
  });

  it('is a valid empty run when nothing is found', async () => {
    const { log } = await sarifOf({ 'a.ts': 'export const region = "eu-west-1";\n' });
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });
});
