import type { RequestKind } from '../RequestLog.js';
import type { FaultSpec, FaultTarget, FaultType } from './FaultSpec.js';
import { FAULT_TYPES, validateFault } from './validateFault.js';

const TARGET_KEYS = new Set(['path', 'kind', 'method', 'times', 'probability', 'stage']);

function number(text: string, what: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(text))
    throw new TypeError(`fault spec: ${what} must be a number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function pattern(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch (error: unknown) {
    throw new TypeError(`fault spec: path ~${source} is not a valid regular expression`, { cause: error });
  }
}

/**
 * Parses the compact fault spec of `keyless emulator --fault`: the type (with its value after `=`),
 * then comma-separated `key=value` targets. A `path` starting with `~` is a regular expression.
 *
 * @example
 * parseFaultSpec('status=503,kind=imds-token,times=2'); // { type: 'status', status: 503, kind: 'imds-token', times: 2 }
 * parseFaultSpec('latency=1500,stage=body');             // { type: 'latency', ms: 1500, stage: 'body' }
 * parseFaultSpec('throttle=2,path=~^/latest/meta-data,probability=0.5');
 */
export function parseFaultSpec(text: string): FaultSpec {
  const [head = '', ...rest] = text.split(',').map((s) => s.trim());
  const eq = head.indexOf('=');
  const type = (eq === -1 ? head : head.slice(0, eq)) as FaultType;
  const value = eq === -1 ? undefined : head.slice(eq + 1);
  if (!FAULT_TYPES.includes(type)) {
    throw new TypeError(
      `fault spec: unknown type ${JSON.stringify(type)}; expected one of ${FAULT_TYPES.join(', ')}`,
    );
  }
  const target: FaultTarget & { stage?: string } = {};
  for (const pair of rest) {
    const at = pair.indexOf('=');
    const key = at === -1 ? pair : pair.slice(0, at);
    const v = at === -1 ? '' : pair.slice(at + 1);
    if (!TARGET_KEYS.has(key) || at === -1) {
      throw new TypeError(
        `fault spec: expected key=value with key one of ${[...TARGET_KEYS].join(', ')}, got ${JSON.stringify(pair)}`,
      );
    }
    if (key === 'path') target.path = v.startsWith('~') ? pattern(v.slice(1)) : v;
    else if (key === 'kind') target.kind = v as RequestKind;
    else if (key === 'method') target.method = v;
    else if (key === 'times') target.times = number(v, 'times');
    else if (key === 'probability') target.probability = number(v, 'probability');
    else target.stage = v;
  }
  const needs = (what: string): string => {
    if (value === undefined || value === '')
      throw new TypeError(`fault spec: ${type} needs a value, e.g. ${type}=${what}`);
    return value;
  };
  const { stage, ...rest2 } = target;
  let spec: FaultSpec;
  switch (type) {
    case 'latency':
      spec = {
        ...rest2,
        type,
        ms: number(needs('1500'), 'latency'),
        ...(stage !== undefined && { stage: stage as 'headers' | 'body' }),
      };
      break;
    case 'status':
      spec = { ...rest2, type, status: number(needs('503'), 'status') };
      break;
    case 'throttle':
      spec = {
        ...rest2,
        type,
        ...(value !== undefined && { retryAfterSeconds: number(value, 'throttle retry-after') }),
      };
      break;
    case 'code':
      spec = { ...rest2, type, code: needs('AssumeRoleUnauthorizedAccess') };
      break;
    case 'near-expiry':
      spec = { ...rest2, type, remainingMs: number(needs('120000'), 'near-expiry') };
      break;
    default:
      if (value !== undefined) throw new TypeError(`fault spec: ${type} takes no value`);
      spec = { ...rest2, type } as FaultSpec;
  }
  if (stage !== undefined && type !== 'latency')
    throw new TypeError('fault spec: stage applies to latency only');
  validateFault(spec);
  return spec;
}
