import type { RequestKind } from '../RequestLog.js';
import type { FaultSpec, FaultType } from './FaultSpec.js';

export const FAULT_TYPES: readonly FaultType[] = [
  'latency',
  'hang',
  'reset',
  'refuse',
  'status',
  'throttle',
  'malformed',
  'partial',
  'code',
  'expired',
  'near-expiry',
  'invalidate-tokens',
  'no-ttl-header',
  'imds-disabled',
];

const REQUEST_KINDS: readonly RequestKind[] = [
  'imds-token',
  'imds-credentials',
  'imds-role-list',
  'imds-other',
  'container',
  'sts',
  's3',
  'sso',
  'other',
];

function isNonNegativeInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/** Throws a TypeError naming the first thing wrong with a fault spec (it may come from untyped JS or a CLI). */
export function validateFault(spec: FaultSpec): void {
  if (typeof spec !== 'object' || spec === null) throw new TypeError('fault: expected an object');
  const type = (spec as { type?: unknown }).type;
  if (!FAULT_TYPES.includes(type as FaultType)) {
    throw new TypeError(
      `fault: unknown type ${JSON.stringify(type)}; expected one of ${FAULT_TYPES.join(', ')}`,
    );
  }
  if (spec.path !== undefined && typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) {
    throw new TypeError('fault: path must be a string or a RegExp');
  }
  if (spec.kind !== undefined && !REQUEST_KINDS.includes(spec.kind)) {
    throw new TypeError(
      `fault: unknown kind ${JSON.stringify(spec.kind)}; expected one of ${REQUEST_KINDS.join(', ')}`,
    );
  }
  if (spec.method !== undefined && (typeof spec.method !== 'string' || !/^[A-Za-z]+$/.test(spec.method))) {
    throw new TypeError('fault: method must be an HTTP method name');
  }
  if (spec.times !== undefined && !(isNonNegativeInteger(spec.times) && spec.times > 0)) {
    throw new TypeError('fault: times must be a positive integer');
  }
  if (
    spec.probability !== undefined &&
    !(typeof spec.probability === 'number' && spec.probability >= 0 && spec.probability <= 1)
  ) {
    throw new TypeError('fault: probability must be a number from 0 to 1');
  }
  switch (spec.type) {
    case 'latency':
      if (!isNonNegativeInteger(spec.ms))
        throw new TypeError('fault latency: ms must be a non-negative integer');
      if (spec.stage !== undefined && spec.stage !== 'headers' && spec.stage !== 'body') {
        throw new TypeError("fault latency: stage must be 'headers' or 'body'");
      }
      break;
    case 'status':
      if (!(Number.isInteger(spec.status) && spec.status >= 100 && spec.status <= 599)) {
        throw new TypeError('fault status: status must be an integer from 100 to 599');
      }
      break;
    case 'throttle':
      if (spec.retryAfterSeconds !== undefined && !isNonNegativeInteger(spec.retryAfterSeconds)) {
        throw new TypeError('fault throttle: retryAfterSeconds must be a non-negative integer');
      }
      break;
    case 'code':
      if (typeof spec.code !== 'string' || !/^[A-Za-z0-9._-]+$/.test(spec.code)) {
        throw new TypeError('fault code: code must be a non-empty word such as AssumeRoleUnauthorizedAccess');
      }
      break;
    case 'near-expiry':
      if (!(isNonNegativeInteger(spec.remainingMs) && spec.remainingMs > 0)) {
        throw new TypeError('fault near-expiry: remainingMs must be a positive integer');
      }
      break;
    default:
      break;
  }
}
