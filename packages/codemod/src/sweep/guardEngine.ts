import { redactSecrets } from '@keyless/redact';
import type { AnalyzeResult } from './Analyzer.js';
import type { SweepFileError } from './SweepResult.js';

/** Which file an engine run is about, and how its errors name it. */
export interface EngineRun {
  /** Path the error entries carry (relative to the working directory). */
  file: string;
  /** How messages name it: the path, or for a history blob the path at its commit. */
  label: string;
  /** Said of a file that cannot be parsed, after "scanned by key patterns only". */
  unparsed: string;
}

/**
 * Runs the engine on one file's text for a sweep (the tree's or the history's) and turns what went
 * wrong into error entries, redacted: a throw is an `engine` error and no result; a parse failure
 * is a `parse` error beside the result, whose findings come from the key patterns.
 */
export function guardEngine(
  analyze: () => AnalyzeResult,
  run: EngineRun,
): { result: AnalyzeResult | undefined; errors: SweepFileError[] } {
  let result: AnalyzeResult;
  try {
    result = analyze();
  } catch (e: unknown) {
    const why = redactSecrets(e instanceof Error ? e.message : String(e));
    return {
      result: undefined,
      errors: [{ file: run.file, kind: 'engine', message: `the engine failed on ${run.label}: ${why}` }],
    };
  }
  if (result.parseError === undefined) return { result, errors: [] };
  const { message, line, column } = result.parseError;
  return {
    result,
    errors: [
      {
        file: run.file,
        kind: 'parse',
        message: `cannot parse ${run.label} (${redactSecrets(message)}); scanned by key patterns only${run.unparsed}`,
        line,
        column,
      },
    ],
  };
}
