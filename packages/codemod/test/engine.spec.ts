import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { isKeyId, isSecretKey } from '../src/engine/detect/keyPatterns.js';
import { removeListItems } from '../src/engine/fix/listEdits.js';
import type { AstNode } from '../src/engine/parse/AstNode.js';
import { LineIndex } from '../src/engine/parse/LineIndex.js';
import { analyzeScopes } from '../src/engine/scope/analyzeScopes.js';
import { analyzeSource, fileKind, maskKeyId } from '../src/index.js';

describe(maskKeyId.name, () => {
  it('keeps the first and last four characters only', () => {
    // Built from pieces: no key-shaped literal is committed.
    expect(maskKeyId(['AKIA', 'ABCDEFGHIJKL', 'WXYZ'].join(''))).toBe('AKIA…WXYZ');
    expect(maskKeyId('short')).toBe('…');
  });
});

describe(fileKind.name, () => {
  it.each([
    ['src/a.ts', 'code'],
    ['src/a.tsx', 'code'],
    ['lib/a.cjs', 'code'],
    ['types/a.d.mts', 'code'],
    ['.env', 'text'],
    ['.env.production', 'text'],
    ['deploy/prod.env', 'text'],
    ['config/aws.json', 'text'],
    ['infra/main.tf', 'text'],
    ['k8s/app.yaml', 'text'],
    ['home/.aws/credentials', 'text'],
    ['README.md', 'text'],
    ['notebooks/explore.ipynb', 'text'],
    ['Dockerfile', 'text'],
    ['docker/Dockerfile.prod', 'text'],
    ['scripts/deploy.sh', 'text'],
    ['src/App.vue', 'markup'],
    ['src/Page.svelte', 'markup'],
    ['src/pages/index.astro', 'markup'],
    ['public/index.html', 'markup'],
    ['web/upload.php', 'markup'],
    ['image.png', undefined],
    ['src/a.constructor', undefined],
  ])('%s is %s', (path, kind) => {
    expect(fileKind(path)).toBe(kind);
  });
});

describe('key patterns', () => {
  it('accept generated keys and refuse documentation keys, fakes and hashes', () => {
    expect(isKeyId(fakeAccessKeyId())).toBe(true);
    expect(isKeyId(fakeAccessKeyId('ASIA'))).toBe(true);
    expect(isKeyId('AKIAIOSFODNN7EXAMPLE')).toBe(false);
    expect(isKeyId(`AKIA${'X'.repeat(16)}`)).toBe(false);
    expect(isKeyId(`AROA${fakeAccessKeyId().slice(4)}`)).toBe(false);
    expect(isSecretKey(fakeSecretAccessKey())).toBe(true);
    expect(isSecretKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(false);
    expect(isSecretKey('da39a3ee5e6b4b0d3255bfef95601890afd80709')).toBe(false);
  });
});

describe(LineIndex.name, () => {
  it('counts columns in UTF-16 code units after astral characters', () => {
    const index = new LineIndex('a\n😀b\r\nc');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 3 });
    expect(index.position(7)).toEqual({ line: 3, column: 1 });
  });

  it('agrees with oxc-parser offsets in a file with Unicode before a key', () => {
    const id = fakeAccessKeyId();
    const text = `const s = 'é😀';\nconst k = '${id}';\n`;
    const [finding] = analyzeSource('a.js', text).findings;
    // The finding covers the key's own characters, inside the quotes.
    expect(finding).toMatchObject({ line: 2, column: 12, endLine: 2, endColumn: 32, keyId: maskKeyId(id) });
    expect(text.split('\n')[1]?.slice(11, 31)).toBe(id);
  });
});

describe(analyzeScopes.name, () => {
  const scopesOf = (code: string) =>
    analyzeScopes(
      parseSync('a.ts', code, { lang: 'ts', preserveParens: false }).program as unknown as AstNode,
    );

  it('resolves shadowing, hoisting and destructuring', () => {
    const scopes = scopesOf(`
      const key = 'k';
      function f(key: string) { return key; }
      function g() { return key + later; }
      var later = 1;
      const { a: { b } } = obj;
      export const c = b;
    `);
    const key = scopes.moduleBindings.get('key');
    expect(key?.reads).toHaveLength(1);
    expect(scopes.moduleBindings.get('later')?.reads).toHaveLength(1);
    expect(scopes.moduleBindings.get('b')?.path).toEqual(['a', 'b']);
    expect(scopes.moduleBindings.get('c')?.exported).toBe(true);
    expect(scopes.allBindings.find((b) => b.kind === 'param')?.reads).toHaveLength(1);
  });

  it('counts `typeof x` in types as a read', () => {
    const scopes = scopesOf(`const creds = { a: 1 }; type Creds = typeof creds;`);
    expect(scopes.moduleBindings.get('creds')?.reads).toHaveLength(1);
  });
});

describe(removeListItems.name, () => {
  const objectOf = (code: string) => {
    const program = parseSync('a.js', code, { lang: 'jsx' }).program as unknown as AstNode;
    const decl = (program.body as AstNode[])[0] as AstNode;
    return ((decl.declarations as AstNode[])[0] as AstNode).init as AstNode;
  };
  const apply = (code: string, drop: string[]) => {
    const object = objectOf(code);
    const props = object.properties as AstNode[];
    const remove = new Set(props.filter((p) => drop.includes((p.key as { name: string }).name)));
    const edits = removeListItems(code, { items: props, remove, floor: object.start });
    if (edits === 'all') return 'all';
    let out = code;
    for (const e of [...edits].sort((a, b) => b.start - a.start))
      out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  };

  it('removes inline items with their comma', () => {
    expect(apply('const x = { a: 1, b: 2, c: 3 }', ['b'])).toBe('const x = { a: 1, c: 3 }');
    expect(apply('const x = { a: 1, b: 2, c: 3 }', ['b', 'c'])).toBe('const x = { a: 1 }');
    expect(apply('const x = { a: 1, b: 2, }', ['b'])).toBe('const x = { a: 1, }');
    expect(apply('const x = { a: 1, b: 2 }', ['a', 'b'])).toBe('all');
  });

  it('removes own-line items with their line, comments above and trailing comment', () => {
    const code = 'const x = {\n  a: 1,\n  // the key\n  b: 2, // inline\n  c: 3\n}';
    expect(apply(code, ['b'])).toBe('const x = {\n  a: 1,\n  c: 3\n}');
    expect(apply(code, ['c'])).toBe('const x = {\n  a: 1,\n  // the key\n  b: 2 // inline\n}');
  });
});

describe('options', () => {
  it('rejects an unknown target with a TypeError', () => {
    expect(() => analyzeSource('a.ts', 'x', { target: 'nope' as 'keyless' })).toThrow(TypeError);
  });

  it('never throws on garbage input', () => {
    for (const text of ['', '\u0000\uffff', 'accessKeyId = {{{', '`${', '<div accessKeyId=']) {
      expect(() => analyzeSource('a.tsx', text, { fix: true })).not.toThrow();
    }
  });
});

describe('hostile input', () => {
  // oxc-parser 0.159 overflowed its native stack (SIGSEGV, the whole process gone) on these.
  it.each([
    ['12 KB of nested parentheses', (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`, 6000],
    ['nested objects', (n: number) => `${'{a:'.repeat(n)}1${'}'.repeat(n)}`, 6000],
    ['a ternary chain', (n: number) => `${'a ? b : '.repeat(n)}c`, 10_000],
  ])('reports %s as a parse failure and still finds the key by its pattern', (_, nest, n) => {
    const id = fakeAccessKeyId();
    const text = `// deploy key: ${id}\nconst accessKeyId = ${nest(n)};\n`;
    const result = analyzeSource('deep.js', text, { fix: true });
    expect(result.parseError?.message).toMatch(/nested more than 1000 levels deep/);
    expect(result.parseError?.line).toBe(2);
    expect(result.output).toBeUndefined();
    expect(result.findings.map((f) => [f.ruleId, f.keyId, f.line])).toEqual([
      ['aws-access-key-id', maskKeyId(id), 1],
    ]);
  });

  it('says a file was too deep for the analysis when its own recursion runs out of stack', () => {
    // A member chain: the parser reads it in a loop and the nesting count sees no brackets, but
    // the tree is 5,000 deep, more than the analysis walks on a 1 MB JS stack (how deep it gets
    // depends on its frame sizes, so the margin is wide).
    const text = `const accessKeyId = a${'.b'.repeat(5000)};\n`;
    const result = analyzeSource('deep.js', text);
    // On Node >= 22 oxc's raw transfer builds the tree with JS recursion and runs out first.
    expect(result.parseError?.message).toMatch(/too deeply nested to (analyse|parse)/);
  });
});
