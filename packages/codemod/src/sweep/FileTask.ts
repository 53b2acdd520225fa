/** One file to sweep. */
export interface FileTask {
  /** Absolute path. */
  path: string;
  /** Path relative to the working directory, `/`-separated: what reports show. */
  file: string;
  /** Directory fingerprints are relative to: the git work tree root, or the working directory. */
  root: string;
  /** Whether `root` is a git work tree (so `fix` checks it for uncommitted changes). */
  git: boolean;
}
