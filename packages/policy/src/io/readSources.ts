import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describeIoError, fileKind, listFiles } from '@keyless/codemod/analysis';

/** A code file of the analysis, or why it could not be read. */
export type Source = { file: string; text: string } | { file: string; error: string };

/**
 * The package's one I/O seam: lists the code files under `paths` the way `keyless scan` does and
 * reads them. A path that cannot be listed or read comes back as an error entry, never dropped.
 */
export async function readSources(paths: readonly string[], cwd: string): Promise<Source[]> {
  const out: Source[] = [];
  const isCode = (path: string) => fileKind(path) === 'code' && !/\.d\.[cm]?ts$/.test(path);
  for (const entry of listFiles(paths, cwd, isCode)) {
    if (entry.type === 'error') {
      out.push({ file: entry.error.file, error: entry.error.message });
      continue;
    }
    try {
      // Synchronous, as scan reads: one small file after another, awaiting each read only adds idle time.
      out.push({ file: entry.task.file, text: readFileSync(entry.task.path, 'utf8') });
    } catch (e: unknown) {
      out.push({ file: entry.task.file, error: `cannot read ${entry.task.file}: ${describeIoError(e)}` });
    }
  }
  return out;
}

const DEPLOY_FILES =
  /(^|\/)(serverless\.(ya?ml|json|ts)|Dockerfile|[^/]+\.(ya?ml|json)|cdk\.json|[^/]*stack[^/]*\.(ts|js))$/i;
const MAX_DEPLOY_BYTES = 512 * 1024;

/** The small deployment files under `paths` (manifests, templates, task definitions) that platform detection reads. */
export async function readDeployFiles(
  paths: readonly string[],
  cwd: string,
): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const entry of listFiles(paths, cwd, (p) => DEPLOY_FILES.test(p))) {
    if (entry.type === 'error' || !DEPLOY_FILES.test(entry.task.file)) continue;
    try {
      const text = await readFile(entry.task.path, 'utf8');
      if (text.length <= MAX_DEPLOY_BYTES) out.push({ file: entry.task.file, text });
    } catch {
      // Detection is a convenience: an unreadable manifest only means it cannot vote.
    }
  }
  return out;
}
