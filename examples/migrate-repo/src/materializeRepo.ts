import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';

const TEMPLATE = new URL('../template/', import.meta.url);

/** What {@link materializeRepo} wrote: the generated key ids, so a caller can check the rotation list. */
export interface MaterializedRepo {
  dir: string;
  accessKeyIds: string[];
}

/**
 * Copies the template app into `dir`, replacing `{{AKID:n}}` and `{{SECRET:n}}` with freshly
 * generated key-shaped values. The repository never holds anything that looks like a live key; the
 * demo and the tests make them at run time.
 */
export async function materializeRepo(dir: string): Promise<MaterializedRepo> {
  await cp(TEMPLATE, dir, { recursive: true });
  const values = new Map<string, string>();
  const valueFor = (kind: string, n: string) => {
    const name = `${kind}:${n}`;
    let value = values.get(name);
    if (value === undefined) {
      value = kind === 'AKID' ? fakeAccessKeyId() : fakeSecretAccessKey();
      values.set(name, value);
    }
    return value;
  };
  for (const file of await listFiles(dir)) {
    const text = await readFile(file, 'utf8');
    const filled = text.replace(/\{\{(AKID|SECRET):(\d+)\}\}/g, (_, kind: string, n: string) =>
      valueFor(kind, n),
    );
    if (filled !== text) await writeFile(file, filled);
  }
  const accessKeyIds = [...values].filter(([name]) => name.startsWith('AKID:')).map(([, value]) => value);
  return { dir, accessKeyIds };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
