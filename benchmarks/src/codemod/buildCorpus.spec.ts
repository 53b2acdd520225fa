import { mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from './buildCorpus.js';

async function list(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe(buildCorpus.name, () => {
  it('copies the JS/TS files a scanner would skip under new names, and leaves out links, minified, empty and huge files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'corpus-'));
    const nm = join(root, 'node_modules');
    await mkdir(join(nm, 'pkg', 'dist'), { recursive: true });
    await mkdir(join(nm, 'pkg', 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(nm, 'pkg', 'dist', 'index.js'), 'module.exports = 1;\n');
    await writeFile(join(nm, 'pkg', 'node_modules', 'dep', 'a.ts'), 'export const a = 1;\n');
    await writeFile(join(nm, 'pkg', 'dist', 'index.min.js'), 'x=1');
    await writeFile(join(nm, 'pkg', 'README.md'), '# not code');
    await writeFile(join(nm, 'pkg', 'empty.js'), '');
    await writeFile(join(nm, 'pkg', 'huge.js'), `// ${'x'.repeat(2 * 1024 * 1024)}`);
    await symlink(join(nm, 'pkg'), join(nm, 'linked'));

    const corpus = await buildCorpus(nm, join(root, 'out'), 0, 3);

    expect(await list(join(root, 'out', 'nm'))).toEqual(['pkg/dist_/index.js', 'pkg/node_modules_/dep/a.ts']);
    expect(corpus).toMatchObject({ files: 5, fromNodeModules: 2, generated: 3 });
    expect(corpus.byExtension).toEqual({ js: 2, ts: 2, mjs: 1 });
  });
});
