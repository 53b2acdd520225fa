import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  fakeAccessKeyId,
  fakeSecretAccessKey,
  initRepo,
  masked,
  tempDir,
  writeTree,
} from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { main } from '../main.js';

describe('keyless scan', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let id: string;
  let secret: string;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    id = fakeAccessKeyId();
    secret = fakeSecretAccessKey();
  });
  afterEach(() => cleanup());

  const leaky = () =>
    `import { S3Client } from '@aws-sdk/client-s3';\n\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${id}', secretAccessKey: '${secret}' },\n});\n`;

  async function scan(args: string[], env: Record<string, string> = {}, cwd = dir) {
    const c = captureIo(cwd, env);
    const code = await main(['scan', ...args], c.io);
    return { code, out: c.out(), err: c.err() };
  }

  it('exits 0 and says so on a clean tree', async () => {
    await writeTree(dir, { 'src/a.ts': 'export const region = "eu-west-1";\n' });
    const r = await scan([]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^✔ no hard-coded AWS keys in 1 file/);
  });

  it('exits 1 with findings grouped per file and masked code frames', async () => {
    await writeTree(dir, { 'src/s3.ts': leaky(), 'src/ok.ts': 'export {};\n' });
    const r = await scan(['src']);
    expect(r.code).toBe(1);
    expect(r.out).not.toContain(id);
    expect(r.out).not.toContain(secret);
    expect(r.out).toMatch(/^src\/s3\.ts\n {2}5:\d+ +error/);
    expect(r.out).toContain(
      `    > 5 |   credentials: { accessKeyId: '${masked(id)}', secretAccessKey: '****' },`,
    );
    expect(r.out).toContain(`  ${masked(id)}  1 occurrence in src/s3.ts`);
    expect(r.out).not.toContain('\u001b[');
  });

  it('writes the JSON report with paths relative to the current directory', async () => {
    await writeTree(dir, { 'app/src/s3.ts': leaky() });
    const r = await scan(['src', '--format', 'json'], {}, join(dir, 'app'));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f).toMatchObject({ file: 'src/s3.ts', line: 5, severity: 'error' });
      expect(f.column).toBeGreaterThan(0);
    }
    expect(report.findings.map((f: { keyId: string | null }) => f.keyId)).toContain(masked(id));
    expect(report.summary.findings).toBe(report.findings.length);
  });

  it('writes SARIF to --output, naming the shard for GitHub', async () => {
    await writeTree(dir, { 's3.ts': leaky(), 'other.ts': `export const k = '${fakeAccessKeyId()}';\n` });
    const all = await scan(['--format', 'sarif', '-o', 'keyless.sarif']);
    expect(all.code).toBe(1);
    expect(all.out).toBe('');
    const log = JSON.parse(await readFile(join(dir, 'keyless.sarif'), 'utf8'));
    const total = log.runs[0].results.length;
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    const uris = log.runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(new Set(uris)).toEqual(new Set(['other.ts', 's3.ts']));
    const codes = await Promise.all(
      ['1/2', '2/2'].map(async (s) => {
        const r = await scan(['--format', 'sarif', '--shard', s]);
        const run = JSON.parse(r.out).runs[0];
        expect(run.automationDetails.id).toBe(`keyless/shard-${s.replace('/', '-of-')}/`);
        return run.results.length;
      }),
    );
    expect(codes.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('writes a baseline, then reports only what is new against it', async () => {
    await writeTree(dir, { 's3.ts': leaky() });
    const count = JSON.parse((await scan(['--format', 'json'])).out).findings.length;
    const w = await scan(['--write-baseline', '.keyless-baseline.json']);
    expect(w.code).toBe(0);
    expect(w.err).toContain(`wrote ${count} finding(s) to the baseline .keyless-baseline.json`);
    expect(await readFile(join(dir, '.keyless-baseline.json'), 'utf8')).not.toContain(id);
    const same = await scan(['--baseline', '.keyless-baseline.json']);
    expect(same.code).toBe(0);
    expect(same.out).toContain(`${count} in the baseline`);
    const fresh = fakeAccessKeyId();
    await writeTree(dir, { 'new.ts': `export const k = '${fresh}';\n` });
    const more = await scan(['--baseline', '.keyless-baseline.json', '--format', 'json']);
    expect(more.code).toBe(1);
    expect(JSON.parse(more.out).findings.map((f: { keyId: string }) => f.keyId)).toEqual([masked(fresh)]);
  });

  it('sweeps with worker threads when asked, with the same findings', async () => {
    await writeTree(dir, Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.ts`, leaky()])));
    const threaded = JSON.parse((await scan(['--format', 'json', '--workers', '2'])).out);
    const inline = JSON.parse((await scan(['--format', 'json', '--workers', '0'])).out);
    expect(threaded.summary.workers).toBe(2);
    expect(inline.summary.workers).toBe(0);
    expect(threaded.findings).toEqual(inline.findings);
    expect(threaded.findings.length).toBeGreaterThanOrEqual(12);
  });

  it('honours keyless-ignore comments', async () => {
    await writeTree(dir, {
      'a.ts': `// keyless-ignore -- fake key for a unit test\nexport const k = '${id}';\n`,
    });
    const r = await scan([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 ignored inline');
  });

  it('respects .gitignore inside a repository and skips node_modules and build output', async () => {
    await writeTree(dir, {
      '.gitignore': '.env.local\n',
      '.env.local': `AWS_ACCESS_KEY_ID=${id}\n`,
      'node_modules/x/index.js': `module.exports = '${fakeAccessKeyId()}';\n`,
      'dist/bundle.js': `var k = '${fakeAccessKeyId()}';\n`,
      '.history/s3_20201203.ts': leaky(),
      'src/ok.ts': 'export {};\n',
    });
    initRepo(dir);
    const r = await scan(['--format', 'json']);
    expect(JSON.parse(r.out).findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('puts a finding on the line of the key, with the client that uses it as a related location', async () => {
    await writeTree(dir, {
      'src/s3.ts': `import { S3Client } from '@aws-sdk/client-s3';\nconst KEY = '${id}';\nconst SECRET = '${secret}';\n\nexport const s3 = new S3Client({\n  credentials: { accessKeyId: KEY, secretAccessKey: SECRET },\n});\n`,
    });
    const sarif = JSON.parse((await scan(['--format', 'sarif'])).out);
    const [result] = sarif.runs[0].results;
    expect(result.ruleId).toBe('aws-static-credentials-v3');
    expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 2, startColumn: 14 });
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'src/s3.ts' },
          region: expect.objectContaining({ startLine: 6 }),
        },
        message: { text: 'S3Client, which uses the key' },
      },
    ]);
    const json = JSON.parse((await scan(['--format', 'json'])).out);
    expect(json.findings[0]).toMatchObject({ line: 2, related: [expect.objectContaining({ line: 6 })] });
    expect((await scan([])).out).toContain('6:3 S3Client, which uses the key');
  });

  it('scans a file over the size limit by its key patterns, even when named, and lists it as skipped', async () => {
    // A bundle just over the 2 MiB limit with a key in it: skipped silently before, named or not.
    const bundle = `const pad = '${'x'.repeat(2 * 1024 * 1024 + 1024)}';\nconst k = '${id}';\n`;
    await writeTree(dir, { 'dist-like/bundle.js': bundle });
    const r = await scan(['dist-like/bundle.js', '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([
      ['aws-access-key-id', 2],
    ]);
    expect(json.skipped).toEqual([
      {
        file: 'dist-like/bundle.js',
        reason: 'too-large',
        bytes: Buffer.byteLength(bundle),
        message: expect.stringMatching(/over the 2\.0 MiB limit: scanned by the key patterns only/),
      },
    ]);
    expect(json.summary).toMatchObject({ files: 1, tooLarge: 1 });
    const sarif = JSON.parse((await scan(['dist-like', '--format', 'sarif'])).out);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: 'warning',
        descriptor: { id: 'keyless/skipped-too-large' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'dist-like/bundle.js' } } }],
      }),
    ]);
    const pretty = await scan(['dist-like']);
    expect(pretty.out).toContain('Not analysed in full (1)');
    expect(pretty.out).toContain('1 file too large to analyse');
    const analysed = JSON.parse(
      (await scan(['dist-like', '--format', 'json', '--max-file-bytes', '4M'])).out,
    );
    expect(analysed.skipped).toEqual([]);
    expect(analysed.summary.tooLarge).toBe(0);
    // Five scans of a 2 MiB file, one of them parsing it: seconds each on a loaded machine.
  }, 60_000);

  it('exits 2 on usage errors and says how to get help', async () => {
    for (const args of [
      ['--format', 'xml'],
      ['--shard', '3/2'],
      ['--bogus'],
      ['--workers', 'many'],
      ['--max-file-bytes', '0'],
      ['--max-file-bytes', '2X'],
    ]) {
      const r = await scan(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('Run `keyless scan --help`');
    }
    const help = await scan(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: keyless scan');
  });

  it('exits 2 on a missing path or baseline, or an unwritable output, and still reports the rest', async () => {
    await writeTree(dir, { 's3.ts': leaky() });
    const missing = await scan(['nope', '.', '--format', 'json']);
    expect(missing.code).toBe(2);
    const report = JSON.parse(missing.out);
    expect(report.errors).toEqual([
      { file: 'nope', kind: 'io', message: 'cannot list nope: no such file or directory (ENOENT)' },
    ]);
    expect(report.findings.length).toBeGreaterThan(0);
    const baseline = await scan(['--baseline', 'none.json']);
    expect(baseline.code).toBe(2);
    expect(baseline.err).toMatch(/cannot read the baseline .*none\.json/);
    await mkdir(join(dir, 'report.json'));
    const output = await scan(['-o', 'report.json']);
    expect(output.code).toBe(2);
    expect(output.err).toContain('cannot write report.json: EISDIR');
    await writeFile(join(dir, 'bad.json'), 'not json');
    expect((await scan(['--baseline', 'bad.json'])).err).toContain('is not JSON');
  });

  it('colors a terminal unless NO_COLOR is set', async () => {
    await writeTree(dir, { 's3.ts': leaky() });
    const tty = captureIo(dir, {}, true);
    await main(['scan'], tty.io);
    expect(tty.out()).toContain('\u001b[');
    const noColor = captureIo(dir, { NO_COLOR: '1' }, true);
    await main(['scan'], noColor.io);
    expect(noColor.out()).not.toContain('\u001b[');
  });
});
