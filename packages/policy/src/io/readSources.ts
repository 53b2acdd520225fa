import { readFile } from 'node:fs/promises';
import { describeIoError, fileKind, type ListedEntry, listFiles } from '@keyless/codemod/analysis';

/** A code file of the analysis, or why it could not be read. */
export type Source = { file: string; text: string } | { file: string; error: string };

/**
 * The package's one I/O seam: lists the code files under `paths` the way `keyless scan` does and
 * reads them. A path that cannot be listed or read comes back as an error entry, never dropped.
 */
export async function readSources(paths: readonly string[], cwd: string): Promise<Source[]> {
  const out: Source[] = [];
  const isCode = (path: string) => fileKind(path) === 'code' && !/\.d\.[cm]?ts$/.test(path);
  for await (const entry of listFiles(paths, cwd, isCode) as AsyncGenerator<ListedEntry>) {
    if (entry.type === 'error') {
      out.push({ file: entry.error.file, error: entry.error.message });
      continue;
    }
    try {
      out.push({ file: entry.task.file, text: await readFile(entry.task.path, 'utf8') });
    } catch (e: unknown) {
      out.push({ file: entry.task.file, error: `cannot read ${entry.task.file}: ${describeIoError(e)}` });
    }
  }
  return out;
}
