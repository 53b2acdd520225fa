/** A deployment file `--check` cannot read: not JSON/YAML, or not a policy, template or plan. */
export class DeployedFileError extends Error {
  override name = 'DeployedFileError';
  readonly file: string;
  /** 1-based; where the problem is, when the parser can tell. */
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(file: string, message: string, at?: { line: number; column?: number }) {
    const where =
      at === undefined ? file : `${file}:${at.line}${at.column === undefined ? '' : `:${at.column}`}`;
    super(`${where}: ${message}`);
    this.file = file;
    this.line = at?.line;
    this.column = at?.column;
  }
}
