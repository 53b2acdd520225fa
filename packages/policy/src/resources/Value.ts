/** A known piece of a value: text written in the code, or an environment variable read at run time. */
export type Part =
  | { text: string }
  | {
      env: string;
      /** `process.env.X ?? 'fallback'` */
      default?: string;
      /**
       * How the variable's value becomes this part of an ARN: SSM parameter names lose their
       * leading slash; an SQS queue URL turns into the queue's ARN.
       */
      transform?: 'strip-leading-slash' | 'sqs-url-to-arn';
    };

/** A piece of a built ARN: known text, an env-derived parameter, or the account/region/partition. */
export type ResourcePart = Part | { placeholder: 'Partition' | 'Region' | 'Account' };

/** Where a value stops being known: an expression computed at run time (from a request, say). */
interface OpenTail {
  expression: string;
  line: number;
}

/**
 * What the code says a request parameter holds: known parts, then (when `open` is set) something
 * computed at run time. `Key: \`uploads/${id}\`` is `[{ text: 'uploads/' }]` + open.
 */
export interface Value {
  parts: Part[];
  open?: OpenTail;
  /** The request parameter it came from (`Bucket`), for reports. */
  param: string;
}

/** `a` then `b`: once `a` is open nothing after it is known. */
export function concat(param: string, ...values: (Value | string)[]): Value {
  const parts: Part[] = [];
  for (const v of values) {
    if (typeof v === 'string') {
      parts.push({ text: v });
      continue;
    }
    parts.push(...v.parts);
    if (v.open !== undefined) return { parts: mergeText(parts), open: v.open, param };
  }
  return { parts: mergeText(parts), param };
}

/** The text of a value that is entirely literal, else `undefined`. */
export function literalText(value: Value | undefined): string | undefined {
  if (value === undefined || value.open !== undefined) return undefined;
  let out = '';
  for (const p of value.parts) {
    if (!('text' in p)) return undefined;
    out += p.text;
  }
  return out;
}

/** Drops a leading `/` (SSM parameter names in ARNs), also from an env value at deploy time. */
export function stripLeadingSlash(value: Value): Value {
  const [first, ...rest] = value.parts;
  if (first === undefined) return value;
  const head: Part =
    'text' in first
      ? { text: first.text.replace(/^\//, '') }
      : { ...first, transform: 'strip-leading-slash' };
  return { ...value, parts: [head, ...rest] };
}

/** Joins neighbouring text parts and drops empty ones. */
export function mergeText<P extends ResourcePart>(parts: P[]): P[] {
  const out: P[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if ('text' in p && last !== undefined && 'text' in last)
      out[out.length - 1] = { text: last.text + p.text } as P;
    else if (!('text' in p) || p.text !== '') out.push(p);
  }
  return out;
}
