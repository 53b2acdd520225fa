import { describe, expect, it } from 'vitest';
import { analyzeModule, child, children, identifierName, sdkRef } from './index.js';

describe(analyzeModule.name, () => {
  it('resolves an identifier to its binding, initialiser and import', () => {
    const text = [
      "import { S3Client as Client } from '@aws-sdk/client-s3';",
      'const client = new Client({});',
      'export async function get() {',
      '  return client.send(x);',
      '}',
    ].join('\n');
    const mod = analyzeModule('src/s3.ts', text);
    if (!mod.ok) throw new Error(mod.message);
    const member = mod.scopes
      .nodesOfType('MemberExpression')
      .find((m) => identifierName(child(m, 'object')) === 'client');
    const id = member && child(member, 'object');
    if (id === undefined) throw new Error('no client.send');
    const binding = mod.scopes.bindingOf(id);
    expect(binding).toMatchObject({ name: 'client', kind: 'const', moduleLevel: true });
    expect(binding?.init?.type).toBe('NewExpression');
    const callee = binding?.init && child(binding.init, 'callee');
    expect(callee && sdkRef(callee, mod.scopes)).toEqual({
      sdk: 'v3',
      path: ['S3Client'],
      global: false,
      source: '@aws-sdk/client-s3',
    });
    expect(mod.lines.position(id.start)).toEqual({ line: 4, column: 10 });
  });

  it('follows a destructured require to the v2 SDK', () => {
    const mod = analyzeModule('lib/q.cjs', "const { SQS } = require('aws-sdk');\nnew SQS();\nreturn;\n");
    if (!mod.ok) throw new Error(mod.message);
    const created = mod.scopes.nodesOfType('NewExpression')[0];
    const callee = created && child(created, 'callee');
    expect(callee && sdkRef(callee, mod.scopes)?.path).toEqual(['SQS']);
    expect(children(mod.program, 'body')).toHaveLength(3);
  });

  it('reports the first parse error with its 1-based position instead of throwing', () => {
    const mod = analyzeModule('broken.ts', 'const a = 1;\nconst = ;\n');
    expect(mod).toMatchObject({ ok: false, file: 'broken.ts', line: 2 });
    expect(mod.ok === false && mod.message.length).toBeGreaterThan(0);
  });
});
