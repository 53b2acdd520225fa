// Property: whatever shape a key takes in a file, no report format and no fix diff ever prints
// the secret, the key id, or a long piece of either.
import { rm } from 'node:fs/promises';
import { tempDir, writeTree } from '@keyless/test-support';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { captureIo } from './captureIo.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const keyIdArb = fc
  .tuple(
    fc.constantFrom('AKIA', 'ASIA'),
    fc.array(fc.constantFrom(...BASE32), { minLength: 16, maxLength: 16 }),
  )
  .map(([p, cs]) => p + cs.join(''))
  .filter((id) => new Set(id.slice(4)).size > 6);
const secretArb = fc
  .array(fc.constantFrom(...B64), { minLength: 40, maxLength: 40 })
  .map((cs) => cs.join(''))
  .filter((s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s) && new Set(s).size > 20);

type Shape = (id: string, secret: string, cut: number) => Record<string, string>;
const SHAPES: Shape[] = [
  (id, s) => ({
    'v3.ts': `import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({ credentials: { accessKeyId: '${id}', secretAccessKey: '${s}' } });\n`,
  }),
  (id, s) => ({
    'v2.js': `const AWS = require('aws-sdk');\nAWS.config.update({\n  accessKeyId: "${id}",\n  secretAccessKey: "${s}",\n});\n`,
  }),
  (id, s, cut) => ({
    'split.ts': `const id = '${id.slice(0, cut % 20)}' + '${id.slice(cut % 20)}';\nconst secretKey = '${s.slice(0, cut)}' + '${s.slice(cut)}';\n`,
  }),
  (id, s, cut) => ({
    'joined.mjs': `export const secretAccessKey = ['${s.slice(0, cut)}', '${s.slice(cut)}'].join('');\nexport const accessKeyId = \`${id}\`;\n`,
  }),
  (id, s) => ({
    'old.tsx': `// accessKeyId: '${id}'\n/* secretAccessKey = "${s}" */\nexport const App = () => <div>ok</div>;\n`,
  }),
  (id, s) => ({ '.env': `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${s}\n` }),
  (id, s) => ({ 'config/aws.json': `{\n  "accessKeyId": "${id}",\n  "secretAccessKey": "${s}"\n}\n` }),
  (id, s) => ({ 'deploy.yml': `aws_access_key_id: ${id}\naws_secret_access_key: '${s}'\n` }),
  (id, s) => ({ 'broken.ts': `const x = {{ '${id}' '${s}' \n` }),
];

function pieces(value: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + size <= value.length; i++) out.push(value.slice(i, i + size));
  return out;
}

describe('scan and fix output never echo a secret', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());

  it('holds for every shape, in pretty, JSON and SARIF, and in the fix diff', {
    timeout: 180_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        keyIdArb,
        secretArb,
        fc.integer({ min: 1, max: 39 }),
        fc.constantFrom(...SHAPES.keys()),
        async (id, secret, cut, shape) => {
          await rm(dir, { recursive: true, force: true });
          await writeTree(dir, (SHAPES[shape] as Shape)(id, secret, cut));
          const outputs: string[] = [];
          for (const args of [
            ['scan'],
            ['scan', '--format', 'json'],
            ['scan', '--format', 'sarif'],
            ['fix', '--dry-run'],
          ]) {
            const c = captureIo(dir, { FORCE_COLOR: '1' });
            const code = await main(args, c.io);
            expect(code, `${args.join(' ')}: ${c.err()}`).toBeLessThan(2);
            outputs.push(c.out(), c.err());
          }
          const all = outputs.join('\n');
          // No 12 characters in a row of the secret, and no more of the id than its masked ends.
          for (const p of [...pieces(secret, 12), ...pieces(id.slice(2), 12)]) expect(all).not.toContain(p);
        },
      ),
      { numRuns: 40 },
    );
  });
});
