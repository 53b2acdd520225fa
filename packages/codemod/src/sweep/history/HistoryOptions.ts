import type { SweepOptions } from '../SweepOptions.js';

/**
 * What history to sweep and how: the tree scan's options that make sense for file versions in
 * git (no fix, shard or workers), plus `since`.
 */
export interface HistoryOptions
  extends Pick<SweepOptions, 'cwd' | 'baseline' | 'maxFileBytes' | 'onProgress' | 'analyzer' | 'clock'> {
  /**
   * Repositories, or folders and files in them, relative to `cwd` or absolute: the history of each
   * one's repository, limited to that folder or file.
   */
  paths: string[];
  /**
   * A commit (id, tag, branch, `HEAD~20`): only commits not reachable from it are read, so CI can
   * scan what a branch adds. Default: every commit reachable from any ref.
   */
  since?: string | undefined;
}
