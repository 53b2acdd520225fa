// `keyless fix` on a small TypeScript service must leave code that still type-checks against the
// real AWS SDK v3 client types and @keyless/credentials (run with the repository's tsc).
import { execFileSync } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeAccessKeyId, fakeSecretAccessKey, tempDir, writeTree } from '@keyless/test-support';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { captureIo } from './captureIo.js';

const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');
// The workspace root's node_modules: real @aws-sdk/client-* packages and the built @keyless ones.
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));

function typecheck(dir: string): { ok: boolean; output: string } {
  try {
    execFileSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output: '' };
  } catch (e: unknown) {
    const out = e as { stdout?: string; stderr?: string };
    return { ok: false, output: `${out.stdout ?? ''}${out.stderr ?? ''}` };
  }
}

describe('keyless fix output type-checks', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterEach(() => cleanup());

  it('against @aws-sdk/client-s3, @aws-sdk/client-sts and @keyless/credentials', {
    timeout: 180_000,
  }, async () => {
    const [id1, id2, id3] = [fakeAccessKeyId(), fakeAccessKeyId(), fakeAccessKeyId()];
    await writeTree(dir, {
      'package.json': '{ "name": "fixture", "private": true, "type": "module" }\n',
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['src'],
      }),
      'src/s3.ts': `import { S3Client } from '@aws-sdk/client-s3';\n\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${id1}', secretAccessKey: '${fakeSecretAccessKey()}' },\n});\n`,
      'src/sts.ts': `import { STSClient } from '@aws-sdk/client-sts';\n\nconst accessKeyId = \`${id2}\`;\nconst secretAccessKey = '${fakeSecretAccessKey()}';\n\nexport class Identity {\n  readonly sts = new STSClient({ region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } });\n}\n`,
      'src/uploads.ts': `import * as s3 from '@aws-sdk/client-s3';\n\nexport function client(): s3.S3Client {\n  return new s3.S3Client({\n    credentials: {\n      accessKeyId: '${id3}',\n      secretAccessKey: '${fakeSecretAccessKey()}',\n    },\n    region: process.env.AWS_REGION ?? 'eu-west-1',\n  });\n}\n`,
    });
    await symlink(NODE_MODULES, join(dir, 'node_modules'), 'dir');
    const before = typecheck(dir);
    expect(before.ok, before.output).toBe(true);

    const c = captureIo(dir, { NO_COLOR: '1' });
    const code = await main(['fix', 'src'], c.io);
    expect(c.out()).toContain('Rewrote 3 files');
    expect(code, c.out()).toBe(0);

    const after = typecheck(dir);
    expect(after.ok, after.output).toBe(true);
    const scan = captureIo(dir);
    expect(await main(['scan', 'src'], scan.io), scan.out()).toBe(0);
  });
});
