import type { AnalysisProblem } from './SdkCall.js';

/**
 * The problem for code nested deeper than the analysis' recursion can walk (a `RangeError` from a
 * `'a' + 'a' + …` chain of thousands of terms, which the parser's own depth check lets through):
 * one file's or one call's problem, never a crashed run. Any other error is a bug and is rethrown.
 */
export function tooDeep(
  error: unknown,
  at: { file: string; line: number; column: number },
  lost: string,
): AnalysisProblem {
  if (!(error instanceof RangeError)) throw error;
  return { ...at, kind: 'parse', message: `${at.file} is nested too deeply to analyse; ${lost}` };
}
