import type { Finding } from '../Finding.js';

/**
 * What a module path is relative to: the importing file (`import`, `require`), or the working
 * directory of the process (`AWS.config.loadFromPath`, which the SDK hands to `fs`).
 */
export type ModuleBase = 'file' | 'cwd';

/** What `fix` rewrites static credentials to. */
export type FixTarget = 'keyless' | 'sdk-default';

export interface AnalyzeOptions {
  /** Rewrite the fixable findings and return the new text as `output` (default false). */
  fix?: boolean;
  /** `'keyless'` (default): `fromInstanceRole()` / the v2 adapter; `'sdk-default'`: only remove the keys. */
  target?: FixTarget;
  /**
   * Follows module constants through one level of import: returns the imported module's path and
   * text, or `undefined`. Synchronous. `from` says what `specifier` is relative to (default
   * `'file'`); `'cwd'` is a `loadFromPath` argument, resolved from the app's working directory.
   */
  readModule?: (
    fromFile: string,
    specifier: string,
    from?: ModuleBase,
  ) => { file: string; text: string } | undefined;
  /**
   * Scan the file by the key patterns alone, as if it were a text file: no parse, no rewrite. For
   * files too large to analyse (a sweep's `maxFileBytes`).
   */
  patternsOnly?: boolean;
  /**
   * The caller knows the file runs in a browser (a `package.json` `browser` field or an HTML page
   * names it): its findings get the browser advice and are never rewritten.
   */
  browser?: boolean;
  /**
   * The text is a committed version of a file (`scan --history`), not the work tree: messages leave
   * out what `fix` would do, since fix rewrites the tree, never a commit.
   */
  history?: boolean;
}

export interface AnalyzeResult {
  /** In source order; `file` is the `file` argument unchanged. */
  findings: Finding[];
  /** The rewritten text: only when `fix` was asked for and something changed; it re-parsed cleanly. */
  output?: string;
  /** The file could not be parsed: no output, findings from the key patterns only. */
  parseError?: { message: string; line: number; column: number };
  /** The keyword prefilter ruled the file out without parsing it. */
  skipped?: boolean;
}
