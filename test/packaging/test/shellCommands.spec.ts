import { describe, expect, it } from 'vitest';
import { shellCommands } from './shellCommands.js';

describe(shellCommands.name, () => {
  it('returns the lines of sh, bash and shell blocks with their line numbers, and leaves other blocks alone', () => {
    const md = [
      '# t',
      '```sh',
      'npm ci',
      '```',
      '```ts',
      'const a = 1;',
      '```',
      '```bash',
      'echo hi',
      '```',
    ].join('\n');
    expect(shellCommands('R.md', md)).toEqual([
      { file: 'R.md', line: 3, command: 'npm ci', comment: '' },
      { file: 'R.md', line: 9, command: 'echo hi', comment: '' },
    ]);
  });

  it('splits the trailing comment, but not at a # inside quotes or a word', () => {
    const md = ['```sh', `node -e "console.log('#1')" a#b   # exits 1: why`, '# only a comment', '```'].join(
      '\n',
    );
    expect(shellCommands('R.md', md)).toEqual([
      { file: 'R.md', line: 2, command: `node -e "console.log('#1')" a#b`, comment: 'exits 1: why' },
    ]);
  });

  it('refuses a continued line, naming where it is', () => {
    expect(() => shellCommands('R.md', '```sh\nnpm ci \\\n  --offline\n```')).toThrow(/^R\.md:2: /);
  });
});
