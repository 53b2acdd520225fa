import { redactSecrets } from '@keyless/redact';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { describe, expect, it } from 'vitest';
import { maskLine } from './maskLine.js';

describe(maskLine.name, () => {
  it('masks a key id anywhere on the line as first 4 … last 4', () => {
    const id = fakeAccessKeyId();
    const out = maskLine(`const id = '${id}'; // ${id}`, [], 'code');
    expect(out).not.toContain(id);
    expect(out).toContain(`${id.slice(0, 4)}…${id.slice(-4)}`);
  });

  it('masks a secret key outside any span by its shape', () => {
    const secret = fakeSecretAccessKey();
    expect(maskLine(`  secretAccessKey: "${secret}",`, [], 'code')).toBe('  secretAccessKey: "****",');
  });

  it('masks short string pieces inside a finding span (keys split to evade scanners)', () => {
    const secret = fakeSecretAccessKey();
    const [a, b, c] = [secret.slice(0, 10), secret.slice(10, 25), secret.slice(25)];
    const line = `const s = '${a}' + '${b}' + \`${c}\`;`;
    const out = maskLine(line, [{ start: 10, end: line.length - 1 }], 'code');
    for (const piece of [a, b, c]) expect(out).not.toContain(piece);
    expect(out).toBe("const s = '****' + '****' + `****`;");
  });

  it('leaves strings outside the spans and identifiers readable', () => {
    const id = fakeAccessKeyId();
    const line = `new S3Client({ region: 'eu-west-1', accessKeyId: '${id}' })`;
    const start = line.indexOf(id);
    const out = maskLine(line, [{ start, end: start + id.length }], 'code');
    expect(out).toContain("region: 'eu-west-1'");
    expect(out).toContain('accessKeyId:');
    expect(out).not.toContain(id);
  });

  it('masks the unquoted value of a .env line inside a span', () => {
    const out = maskLine('AWS_SECRET_ACCESS_KEY=abc/def+ghi', [{ start: 22, end: 33 }], 'text');
    expect(out).toBe('AWS_SECRET_ACCESS_KEY=****');
  });

  it('leaves ordinary code alone', () => {
    const line = "import { S3Client } from '@aws-sdk/client-s3'; const bucketName = 'my-bucket';";
    expect(maskLine(line, [], 'code')).toBe(line);
  });
});

describe(redactSecrets.name, () => {
  it('masks a session token and keeps the words around it', () => {
    const token = Array.from({ length: 4 }, fakeSecretAccessKey).join('');
    expect(redactSecrets(`token ${token} rejected`)).toBe('token **** rejected');
  });
});
