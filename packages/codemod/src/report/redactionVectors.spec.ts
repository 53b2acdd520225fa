import { redactionVectors } from '@keyless/redact/vectors';
import { fakeAccessKeyId, tempDir, writeTree } from '@keyless/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnalyzer } from '../sweep/defaultAnalyzer.js';
import { sweep } from '../sweep/sweep.js';
import { formatJson } from './formatJson.js';
import { formatPretty } from './formatPretty.js';
import { formatSarif } from './formatSarif.js';

// The shared contract (@keyless/redact/vectors) through codemod's own output: each vector's text sits
// in a comment right below a hard-coded key, so the masked code frame of every report shows it.
// Vectors with `known` values are about what a credential provider read itself; codemod reads none.
const vectors = redactionVectors().redact.filter((v) => v.known.length === 0);

describe('the redaction vectors in scan reports', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it.each(vectors)('$name', async (v) => {
    const file = `${v.name.replace(/\W+/g, '-')}.js`;
    const comment = v.input
      .split('\n')
      .map((line) => `// ${line}`)
      .join('\n');
    await writeTree(dir, { [file]: `const id = '${fakeAccessKeyId()}';\n${comment}\n` });
    const result = await sweep({ paths: [file], cwd: dir, analyzer: defaultAnalyzer });
    const reports = [formatPretty(result), formatJson(result), formatSarif(result)];
    for (const report of reports) for (const secret of v.secrets) expect(report).not.toContain(secret);
    const frame = result.findings[0]?.frame?.lines ?? [];
    if (!v.input.includes('\n') && v.maxLength === undefined) expect(frame).toContain(`// ${v.expected}`);
  });
});
