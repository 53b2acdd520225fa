import type { AnalyzeOptions, AnalyzeResult } from '../engine/AnalyzeOptions.js';
import type { FileKind } from '../engine/parse/fileKind.js';

export type { AnalyzeOptions, AnalyzeResult, FixTarget } from '../engine/AnalyzeOptions.js';

/**
 * The engine as the sweep sees it: one pure function per file plus the file-type filter.
 * Injectable so the sweep can be tested on its own; `defaultAnalyzer` is the real engine.
 */
export interface Analyzer {
  analyzeSource(file: string, text: string, options?: AnalyzeOptions): AnalyzeResult;
  fileKind(path: string): FileKind | undefined;
}
