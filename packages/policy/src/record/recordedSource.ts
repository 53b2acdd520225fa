import type { AnalysisProblem } from '../discover/SdkCall.js';
import type { Source } from '../io/readSources.js';
import type { RecordedCall } from './RecordedCall.js';

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

function isRecordedCall(v: unknown): v is RecordedCall {
  const r = v as Partial<RecordedCall> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    (r.sdk === 'v3' || r.sdk === 'v2') &&
    typeof r.service === 'string' &&
    IDENTIFIER.test(r.service) &&
    typeof r.operation === 'string' &&
    IDENTIFIER.test(r.operation) &&
    typeof r.input === 'object' &&
    r.input !== null
  );
}

/**
 * Recorded calls as code the derivation already understands: line N of the JSONL file becomes an
 * SDK v3 call on line N of a module named after the file, so each requirement points at the line
 * of its record, and every mapping rule (the exception table, ARN templates) applies to recorded
 * calls exactly as to written ones. A line that is not a recorded call is a problem with its line.
 */
export function recordedSource(file: string, text: string): { source: Source; problems: AnalysisProblem[] } {
  const problems: AnalysisProblem[] = [];
  const imports = new Map<string, Set<string>>();
  const lines = text.split('\n').map((line, i) => {
    if (line.trim() === '') return '';
    let call: unknown;
    try {
      call = JSON.parse(line);
    } catch {
      call = undefined;
    }
    if (!isRecordedCall(call)) {
      problems.push({
        file,
        line: i + 1,
        column: 1,
        kind: 'parse',
        message: `${file}:${i + 1} is not a recorded call ({ sdk, service, operation, input, outcome }); it is not in the policy`,
      });
      return '';
    }
    const names = imports.get(call.service) ?? new Set<string>();
    imports.set(call.service, names);
    const client = `${call.service}Client${i}`;
    const command = `${call.operation}Command${i}`;
    names.add(`${call.service.charAt(0).toUpperCase()}${call.service.slice(1)}Client as ${client}`);
    names.add(`${call.operation}Command as ${command}`);
    return `new ${client}({}).send(new ${command}(${JSON.stringify(call.input)}));`;
  });
  // Imports go last so the calls keep the line numbers of their records; they are hoisted anyway.
  for (const [service, names] of imports)
    lines.push(`import { ${[...names].join(', ')} } from '@aws-sdk/client-${service}';`);
  return { source: { file, text: lines.join('\n') }, problems };
}
