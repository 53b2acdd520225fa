import type { AnalyzeOptions, AnalyzeResult } from '../engine/analyzeSource.js';
import type { FileKind } from '../engine/fileKind.js';

export type { AnalyzeOptions, AnalyzeResult, FixTarget } from '../engine/analyzeSource.js';

/**
 * The engine as the sweep sees it: one pure function per file plus the file-type filter.
 * Injectable so the sweep can be tested on its own; `defaultAnalyzer` is the real engine.
 */
export interface Analyzer {
  analyzeSource(file: string, text: string, options?: AnalyzeOptions): AnalyzeResult;
  fileKind(path: string): FileKind | undefined;
}
