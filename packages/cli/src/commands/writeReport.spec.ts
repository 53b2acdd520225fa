import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureIo } from '../../test/captureIo.js';
import { writeReport } from './writeReport.js';

describe(writeReport.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('replaces the output file whole and leaves no temp file beside it', async () => {
    await writeFile(join(dir, 'report.json'), 'old report that is longer than the new one\n');
    const c = captureIo(dir);
    expect(await writeReport('{}\n', 'report.json', c.io)).toBe(true);
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe('{}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('says why it cannot write, and leaves what was there (and no temp file)', async () => {
    await mkdir(join(dir, 'report.json'));
    const c = captureIo(dir);
    expect(await writeReport('{}\n', 'report.json', c.io)).toBe(false);
    expect(c.err()).toMatch(/^keyless: cannot write report\.json: E[A-Z]+\n$/);
    expect(await readdir(dir)).toEqual(['report.json']);
    expect(await writeReport('{}\n', 'missing/report.json', c.io)).toBe(false);
    expect(c.err()).toContain('cannot write missing/report.json: ENOENT');
  });
});
