import { analyzeModule } from '@keyless/codemod/analysis';
import { findSdkCalls } from './discover/findSdkCalls.js';
import { Project, type ProjectModule } from './discover/Project.js';
import type { AnalysisProblem, SdkCall } from './discover/SdkCall.js';
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
 * follow are `problems`; resources it cannot build are `underivable`.
 */
export async function derivePolicy(options: DeriveOptions): Promise<Derivation> {
  const data = options.data ?? new IamData();
  const problems: AnalysisProblem[] = [];
  const modules = new Map<string, ProjectModule>();
  const recorded = (options.recorded ?? []).map((r) => recordedSource(r.file, r.text));
  for (const r of recorded) problems.push(...r.problems);
  for (const source of [...options.sources, ...recorded.map((r) => r.source)]) {
    if ('error' in source) {
      problems.push({ file: source.file, line: 1, column: 1, kind: 'io', message: source.error });
      continue;
    }
    const mod = analyzeModule(source.file, source.text);
    if (!mod.ok) {
      problems.push({
        file: source.file,
        line: mod.line,
        column: mod.column,
        kind: 'parse',
        message: `cannot parse ${source.file}: ${mod.message}; its AWS calls are not in the policy`,
      });
      continue;
    }
    modules.set(source.file, {
      file: source.file,
      text: source.text,
      program: mod.program,
      scopes: mod.scopes,
      lines: mod.lines,
    });
  }
  const project = new Project(modules, options.cwd);
  const calls: SdkCall[] = [];
  for (const module of modules.values()) {
    const found = findSdkCalls(module, project);
    calls.push(...found.calls);
    problems.push(...found.problems);
  }
  const mapped: MappedCall[] = [];
  for (const call of calls) mapped.push(await mapCall(call, project, data));
  const requirements = mapped.flatMap((m) => m.requirements);
  const recordedFiles = new Set((options.recorded ?? []).map((r) => r.file));
  const recordedActions = new Set(requirements.filter((r) => recordedFiles.has(r.file)).map((r) => r.action));
  const underivable = mapped.flatMap((m) => m.underivable);
  return {
    calls,
    requirements,
    underivable: underivable.filter((u) => !recordedActions.has(u.action)),
    problems: [...problems, ...mapped.flatMap((m) => m.problems)],
    coveredByRecords: underivable.filter((u) => recordedActions.has(u.action)),
  };
}
