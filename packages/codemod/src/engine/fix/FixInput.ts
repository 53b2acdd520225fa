import type { Program } from 'oxc-parser';
import type { FixTarget } from '../AnalyzeOptions.js';
import type { ScopeInfo } from '../scope/analyzeScopes.js';

/** The parsed file the fix planners work on, and what it is rewritten to. */
export interface FixInput {
  file: string;
  text: string;
  program: Program;
  scopes: ScopeInfo;
  target: FixTarget;
}
