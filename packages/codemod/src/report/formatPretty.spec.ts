import { fakeAccessKeyId, fakeSecretAccessKey, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweep } from '../sweep/sweep.js';
import { standInAnalyzer } from '../sweep/testing/standInAnalyzer.js';
import type { Colors } from './Colors.js';
import { formatFix } from './formatFix.js';
import { formatPretty } from './formatPretty.js';

const clock = { now: () => 0 };

describe(formatPretty.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('groups findings per file with a masked code frame, problems, rotation list and summary', async () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    await writeTree(dir, {
      'b.ts': `const region = 'eu-west-1';\nconst creds = { accessKeyId: '${id}', secretAccessKey: '${secret}' };\nexport {};\n`,
      'a.ts': `// old key: ${id}\n`,
      'c.ts': '@@unparseable@@ secret\n',
    });
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer: standInAnalyzer(), clock });
    const text = formatPretty(result);
    expect(text).not.toContain(id);
    expect(text).not.toContain(secret);
    const masked = `${id.slice(0, 4)}…${id.slice(-4)}`;
    expect(text).toBe(
      [
        'a.ts',
        `  1:13    error   access key id ${masked} in source  aws-access-key-id`,
        `    > 1 | // old key: ${masked}`,
        '      2 | ',
        '    suggestion: move the key out of the code',
        '',
        'b.ts',
        `  2:31    error   access key id ${masked} in source  aws-access-key-id`,
        "      1 | const region = 'eu-west-1';",
        `    > 2 | const creds = { accessKeyId: '${masked}', secretAccessKey: '****' };`,
        '      3 | export {};',
        '    fix: `keyless fix` rewrites this',
        '  2:72    warning secret access key in source  aws-secret-access-key',
        "      1 | const region = 'eu-west-1';",
        `    > 2 | const creds = { accessKeyId: '${masked}', secretAccessKey: '****' };`,
        '      3 | export {};',
        '    fix: `keyless fix` rewrites this',
        '',
        'Problems (1)',
        '  parse c.ts:1:1  cannot parse c.ts (Unexpected token); scanned by key patterns only, not rewritten',
        '',
        'Rotate 1 leaked access key: deactivate in IAM, then delete (git history still holds them; `keyless scan --history` finds the ones already deleted)',
        `  ${masked}  2 occurrences in a.ts, b.ts`,
        '',
        '✖ 3 findings in 2 files (2 errors, 1 warning, 0 notes)',
        '  3 files scanned in 0.0 s · 2 fixable with `keyless fix`',
        '  1 problem',
        '',
      ].join('\n'),
    );
  });

  it('says so when the tree is clean, and styles with the given colors', async () => {
    await writeTree(dir, { 'a.ts': 'export {};\n' });
    const result = await sweep({ paths: ['.'], cwd: dir, analyzer: standInAnalyzer(), clock });
    const tag = (name: string) => (s: string) => `<${name}>${s}</${name}>`;
    const colors = Object.fromEntries(
      ['bold', 'dim', 'underline', 'red', 'yellow', 'blue', 'cyan', 'green'].map((n) => [n, tag(n)]),
    ) as unknown as Colors;
    expect(formatPretty(result, { colors })).toBe(
      '<green>✔ no hard-coded AWS keys in 1 file (0.0 s)</green>\n',
    );
  });
});

describe(formatFix.name, () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('prints the masked diff, what is left for a person, and the rotation list', async () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    await writeTree(dir, {
      's3.ts': `new S3Client({\n  accessKeyId: '${id}',\n  secretAccessKey: '${secret}',\n});\n`,
      'note.ts': `// ${id}\n`,
    });
    const result = await sweep({
      paths: ['.'],
      cwd: dir,
      analyzer: standInAnalyzer(),
      clock,
      fix: true,
      dryRun: true,
    });
    const text = formatFix(result, { dryRun: true });
    expect(text).not.toContain(id);
    expect(text).not.toContain(secret);
    const masked = `${id.slice(0, 4)}…${id.slice(-4)}`;
    expect(text).toContain(
      `--- a/s3.ts\n+++ b/s3.ts\n@@ -1,4 +1,2 @@\n new S3Client({\n-  accessKeyId: '${masked}',\n-  secretAccessKey: '****',\n });\n`,
    );
    expect(text).toContain('Would rewrite 1 file\n  s3.ts\n');
    expect(text).toContain(
      '✖ 3 findings in 2 files (2 errors, 1 warning, 0 notes): 2 would be rewritten, 1 left for a person\n',
    );
    expect(text).toContain(
      `Left for a person (1)\nnote.ts\n  1:4     error   access key id ${masked} in source`,
    );
    expect(text.slice(text.indexOf('Left for a person'), text.indexOf('✖'))).not.toContain('s3.ts');
    expect(text).toMatch(
      new RegExp(`Rotate 1 leaked access key.*\\n  ${masked}  2 occurrences in note\\.ts, s3\\.ts\\n$`),
    );
  });
});
