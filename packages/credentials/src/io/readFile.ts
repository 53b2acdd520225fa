import { readFile as fsReadFile } from 'node:fs/promises';

/** Reads a small text file; resolves `undefined` when it cannot be read. The package's file seam. */
export type ReadFile = (path: string) => Promise<string | undefined>;

/** The real file reader. */
export const readFile: ReadFile = async (path) => {
  try {
    return await fsReadFile(path, 'utf8');
  } catch {
    return undefined;
  }
};
