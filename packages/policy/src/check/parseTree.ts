import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { DeployedFileError } from './DeployedFileError.js';

/** A parsed JSON or YAML file: its value, and the line each object or array starts on. */
export interface ParsedTree {
  value: unknown;
  /** 1-based line of an object or array of `value`; `undefined` for anything else. */
  lineOf(node: unknown): number | undefined;
}

/** CloudFormation's short forms, as the long forms the template means. */
const SHORT_FORMS: Record<string, (v: unknown) => unknown> = {
  '!Ref': (v) => ({ Ref: v }),
  '!Condition': (v) => ({ Condition: v }),
  '!GetAtt': (v) => ({ 'Fn::GetAtt': typeof v === 'string' ? v.split('.') : v }),
};

/**
 * Parses a policy, template or plan, JSON or YAML (JSON is YAML 1.2, so one parser gives line
 * numbers for both; the `yaml` package because JSON.parse reports no positions). CloudFormation's
 * `!Sub`-style tags become their `Fn::Sub` long forms. Throws `DeployedFileError` with the line
 * and column of the first syntax error.
 */
export function parseTree(file: string, text: string): ParsedTree {
  // YAML accepts what JSON does not (`{"a": }`), so JSON is held to JSON's grammar first.
  if (/\.json$/i.test(file) || /^\s*[[{]/.test(text)) checkJson(file, text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error !== undefined) {
    const pos = lineCounter.linePos(error.pos[0]);
    throw new DeployedFileError(file, `not valid JSON or YAML: ${error.message.split('\n')[0]}`, {
      line: pos.line,
      column: pos.col,
    });
  }
  const lines = new WeakMap<object, number>();
  const lineAt = (node: Node) => lineCounter.linePos(node.range?.[0] ?? 0).line;
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) return convert(node.resolve(doc));
    let out: unknown;
    if (isScalar(node)) out = node.value;
    else if (isSeq(node)) out = node.items.map(convert);
    else if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const value = convert(pair.value);
        // A block collection starts on the line after its key: findings point at the key.
        if (typeof value === 'object' && value !== null && isScalar(pair.key))
          lines.set(value, lineAt(pair.key));
        object[key] = value;
      }
      out = object;
    } else return node ?? null;
    const tag = (node as Node).tag;
    if (tag?.startsWith('!') === true && !tag.startsWith('!!'))
      out = SHORT_FORMS[tag]?.(out) ?? { [`Fn::${tag.slice(1)}`]: out };
    if (typeof out === 'object' && out !== null && !lines.has(out)) lines.set(out, lineAt(node as Node));
    return out;
  };
  const value = convert(doc.contents);
  return {
    value,
    lineOf: (v) => (typeof v === 'object' && v !== null ? lines.get(v) : undefined),
  };
}

function checkJson(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (e: unknown) {
    // V8 names the offending token but (since Node 20) not where it is, and quotes the text.
    const reason = (e instanceof Error ? e.message : String(e)).split(/, "|\n| in JSON| at position/)[0];
    const offset = errorOffset(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    throw new DeployedFileError(file, `not valid JSON: ${reason}`, {
      line,
      column: offset - before.lastIndexOf('\n'),
    });
  }
}

const endsEarly = (prefix: string) => {
  try {
    JSON.parse(prefix);
    return true;
  } catch (e: unknown) {
    if (!(e instanceof SyntaxError)) return false;
    const at = /at position (\d+)/.exec(e.message)?.[1];
    return at === undefined ? /end of JSON input|Unterminated/.test(e.message) : Number(at) >= prefix.length;
  }
};

/**
 * Where a JSON text goes wrong: every prefix before the error only ends too early, every prefix
 * past it is wrong, so a binary search over prefix lengths finds the offset.
 */
function errorOffset(text: string): number {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (endsEarly(text.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(lo, Math.max(text.length - 1, 0));
}
