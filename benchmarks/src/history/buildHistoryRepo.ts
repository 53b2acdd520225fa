import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fakeStaticKeys } from '@keyless/test-support';

/** A repository made for figure 7, and what is in its history. */
export interface HistoryRepo {
  dir: string;
  commits: number;
  /** Distinct blobs in the repository: every file version any commit holds. */
  blobs: number;
  /** A file listing their ids, one a line: what the floor hands to `git cat-file --batch`. */
  blobList: string;
  /** Keys committed in a file and deleted a few commits later: what a history scan must report. */
  leaks: number;
}

/** How the history is shaped. */
export interface HistoryShape {
  commits: number;
  /** Corpus files each commit after the first edits (appends a line to). */
  editsPerCommit: number;
  /** Every `leakEvery`-th commit adds a file with a key, which the third commit after deletes. */
  leakEvery: number;
}

const START = 1_700_000_000;
const IDENTITY = 'bench <bench@keyless.invalid>';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function leakFile(i: number): string {
  const { accessKeyId, secretAccessKey } = fakeStaticKeys();
  return `import { S3Client } from '@aws-sdk/client-s3';\n// leak ${i}\nexport const s3 = new S3Client({\n  credentials: { accessKeyId: '${accessKeyId}', secretAccessKey: '${secretAccessKey}' },\n});\n`;
}

/**
 * Builds a git repository in `dir` whose history runs over the corpus: the first commit adds every
 * corpus file, each later one edits `editsPerCommit` of them (spread evenly, so a file gets several
 * versions), and every `leakEvery`-th adds a file holding a freshly generated key that the third
 * commit after deletes, so the tree at the end holds no key. Written in one `git fast-import`
 * stream: hundreds of commits in seconds, the same shape on every run.
 */
export async function buildHistoryRepo(
  corpusDir: string,
  dir: string,
  shape: HistoryShape,
): Promise<HistoryRepo> {
  const files = await listFiles(corpusDir);
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  const child = spawn('git', ['fast-import', '--quiet'], { cwd: dir, stdio: ['pipe', 'ignore', 'inherit'] });
  const exited = once(child, 'close');
  const write = async (chunk: string | Buffer) => {
    if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  };
  const data = async (content: string | Buffer) => {
    await write(`data ${Buffer.byteLength(content)}\n`);
    await write(content);
    await write('\n');
  };
  const edits = new Map<string, string>();
  let leaks = 0;
  const open: { path: string; until: number }[] = [];
  for (let i = 0; i < shape.commits; i++) {
    const when = `${START + i * 3600} +0000`;
    await write(`commit refs/heads/main\nauthor ${IDENTITY} ${when}\ncommitter ${IDENTITY} ${when}\n`);
    await data(`commit ${i}`);
    const changed =
      i === 0
        ? files
        : Array.from(
            { length: shape.editsPerCommit },
            (_, j) => files[(i * 7919 + j * 104_729) % files.length] ?? '',
          );
    for (const path of changed) {
      if (i > 0) edits.set(path, `${edits.get(path) ?? ''}\n// edit ${i}\n`);
      const original = await readFile(join(corpusDir, path));
      await write(`M 100644 inline ${path}\n`);
      await data(Buffer.concat([original, Buffer.from(edits.get(path) ?? '')]));
    }
    while (open[0] !== undefined && open[0].until <= i) await write(`D ${open.shift()?.path}\n`);
    if (i > 0 && i % shape.leakEvery === 0 && i + 3 < shape.commits) {
      const path = `leaks/leak-${i}.ts`;
      await write(`M 100644 inline ${path}\n`);
      await data(leakFile(i));
      open.push({ path, until: i + 3 });
      leaks++;
    }
    await write('\n');
  }
  child.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited with ${code}`);
  const objects = execFileSync(
    'git',
    ['cat-file', '--batch-all-objects', '--batch-check=%(objecttype) %(objectname)'],
    { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const blobs = objects
    .split('\n')
    .filter((line) => line.startsWith('blob '))
    .map((line) => line.slice('blob '.length));
  const blobList = `${dir}.blobs`;
  await writeFile(blobList, `${blobs.join('\n')}\n`);
  return { dir, commits: shape.commits, blobs: blobs.length, blobList, leaks };
}
