import { findSdkCalls } from './discover/findSdkCalls.js';
import { Project } from './discover/Project.js';
import type { AnalysisProblem, SdkCall } from './discover/SdkCall.js';
import { sdkCallers } from './discover/sdkCallers.js';
import { tooDeep } from './discover/tooDeep.js';
import { IamData } from './iam/IamData.js';
import type { Source } from './io/readSources.js';
import { type MappedCall, mapCall, type Requirement, type Underivable } from './map/mapCall.js';
import { recordedSource } from './record/recordedSource.js';

/** Everything derived from one deploy unit's code. */
export interface Derivation {
  calls: SdkCall[];
  requirements: Requirement[];
  underivable: Underivable[];
  /** Files that did not parse or could not be read, calls the analysis could not follow, unknown services. */
  problems: AnalysisProblem[];
  /** Underivable resources of the code whose action the recorded calls name concretely: granted from the records instead. */
  coveredByRecords: Underivable[];
}

export interface DeriveOptions {
  /** The code, as `readSources` lists it (or any `{ file, text }` list, in tests). */
  sources: readonly Source[];
  /** Directory `file` paths are relative to; relative imports resolve from it. */
  cwd: string;
  /** The IAM data seam; one instance can serve many derivations. */
  data?: IamData;
  /** JSONL files of recorded calls (`@keyless/policy/recorder`), merged with the code's. */
  recorded?: readonly { file: string; text: string }[];
}

/**
 * Derives what a body of code needs from AWS: every SDK call (see `findSdkCalls`), mapped to IAM
 * actions and resources. Never throws on bad code: files that do not parse and calls it cannot
 * follow are `problems`; resources it cannot build are `underivable`. Only files that may reach the
 * SDK are parsed (`sdkCallers`), and the modules their values come from.
 */
export async function derivePolicy(options: DeriveOptions): Promise<Derivation> {
  const data = options.data ?? new IamData();
  const problems: AnalysisProblem[] = [];
  const texts = new Map<string, string>();
  const recorded = (options.recorded ?? []).map((r) => recordedSource(r.file, r.text));
  for (const r of recorded) problems.push(...r.problems);
  for (const source of [...options.sources, ...recorded.map((r) => r.source)]) {
    if ('error' in source)
      problems.push({ file: source.file, line: 1, column: 1, kind: 'io', message: source.error });
    else texts.set(source.file, source.text);
  }
  const project = new Project(texts, options.cwd);
  const calls: SdkCall[] = [];
  for (const file of sdkCallers(texts)) {
    const module = project.module(file);
    if (module === undefined) continue;
    try {
      const found = findSdkCalls(module, project);
      calls.push(...found.calls);
      problems.push(...found.problems);
    } catch (e: unknown) {
      problems.push(tooDeep(e, { file, line: 1, column: 1 }, 'its AWS calls are not in the policy'));
    }
  }
  const mapped: MappedCall[] = [];
  for (const call of calls) {
    try {
      mapped.push(await mapCall(call, project, data));
    } catch (e: unknown) {
      const problem = tooDeep(e, call, 'the actions of this call are not in the policy');
      mapped.push({ requirements: [], underivable: [], problems: [problem] });
    }
  }
  const requirements = mapped.flatMap((m) => m.requirements);
  const recordedFiles = new Set((options.recorded ?? []).map((r) => r.file));
  const recordedActions = new Set(requirements.filter((r) => recordedFiles.has(r.file)).map((r) => r.action));
  const underivable = mapped.flatMap((m) => m.underivable);
  return {
    calls,
    requirements,
    underivable: underivable.filter((u) => !recordedActions.has(u.action)),
    // Parse problems last: mapping calls may still parse a module that a value comes from.
    problems: [...problems, ...mapped.flatMap((m) => m.problems), ...project.problems],
    coveredByRecords: underivable.filter((u) => recordedActions.has(u.action)),
  };
}
