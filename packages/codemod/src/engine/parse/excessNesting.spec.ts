import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { excessNesting, MAX_NESTING } from './excessNesting.js';

// Each construct at the depth where oxc-parser 0.159 overflowed a worker thread's stack (SIGSEGV).
const CRASHING: Array<[string, string, boolean]> = [
  ['parentheses', `${'('.repeat(3025)}1${')'.repeat(3025)}`, false],
  ['arrays', `${'['.repeat(4191)}${']'.repeat(4191)}`, false],
  ['objects', `${'{a:'.repeat(1665)}1${'}'.repeat(1665)}`, false],
  ['blocks', `0;${'{'.repeat(3317)}${'}'.repeat(3317)}`, false],
  ['functions', `${'function f(){'.repeat(1762)}${'}'.repeat(1762)}`, false],
  ['template holes', `${'`${'.repeat(2054)}1${'}`'.repeat(2054)}`, false],
  ['ternaries', `${'a?b:'.repeat(4191)}c`, false],
  ['assignments', `${'a='.repeat(4191)}1`, false],
  ['arrows', `${'()=>'.repeat(4191)}1`, false],
  ['if without braces', `${'if(a)'.repeat(3317)}x`, false],
  ['else-if chains', `if(a){}${'else if(a){}'.repeat(3317)}`, false],
  ['labels', `${'a:'.repeat(3317)}x`, false],
  ['JSX elements', `${'<a>'.repeat(7689)}${'</a>'.repeat(7689)}`, false],
  ['new', `${'new '.repeat(8660)}A`, false],
  ['negations', `${'!'.repeat(14491)}x`, false],
  ['typeof', `${'typeof '.repeat(14491)}x`, false],
  ['await', `async function f(){${'await '.repeat(29261)}x}`, false],
  ['binary operators', `1${'+1'.repeat(33147)}`, false],
  ['TS generics', `let x: ${'A<'.repeat(2248)}B${'>'.repeat(2248)}`, true],
];

describe(excessNesting.name, () => {
  it.each(CRASHING)('refuses %s nested as deep as crashed oxc-parser', (_, code, typescript) => {
    const text = `const accessKeyId = 1;\n${code};\n`;
    const at = excessNesting(text, { typescript });
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(text.length);
  });

  it('passes nesting within the limit, and says where the limit is first passed', () => {
    const deep = `${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)};`;
    expect(excessNesting(deep, { typescript: false })).toBeUndefined();
    const over = `${'('.repeat(MAX_NESTING + 5)}1${')'.repeat(MAX_NESTING + 5)};`;
    expect(excessNesting(over, { typescript: false })).toBe(MAX_NESTING);
  });

  it('does not count brackets in strings, comments and template text', () => {
    const many = '('.repeat(5000);
    const text = [
      `const a = '${many}';`,
      `const b = "${many}";`,
      `// ${many}`,
      `/* ${many}\n${many} */`,
      `const c = \`${many}\n${many}\`;`,
      `const d = \`\${'x'}${many}\${"y"}\`;`,
    ].join('\n');
    expect(excessNesting(text, { typescript: false })).toBeUndefined();
  });

  it('resets operator chains at the end of a statement or list item', () => {
    const statements = 'a = b ? c : d;\n'.repeat(20_000);
    const items = `[${'a ? b : c,'.repeat(20_000)}]`;
    const comparisons = 'if (a < b && c > d) x = !y;\n'.repeat(20_000);
    for (const text of [statements, items, comparisons])
      expect(excessNesting(text, { typescript: true })).toBeUndefined();
  });

  it('passes a large real file (the TypeScript compiler, 9 MB) far below the limit', () => {
    const require = createRequire(import.meta.url);
    const text = readFileSync(require.resolve('typescript'), 'utf8');
    expect(excessNesting(text, { typescript: false, limit: MAX_NESTING / 4 })).toBeUndefined();
  });
});
