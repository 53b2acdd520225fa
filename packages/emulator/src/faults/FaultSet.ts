import type { CredentialSet } from '../credentials/CredentialSet.js';
import type { RequestKind } from '../RequestLog.js';
import type { FaultHandle, FaultSpec, FaultType } from './FaultSpec.js';
import { validateFault } from './validateFault.js';

/** What a fault is matched against. */
export interface FaultContext {
  kind: RequestKind;
  path: string;
  method: string;
  /** The STS Action, when the request is an STS call. */
  action?: string;
}

/** An installed fault and its state. */
export interface ActiveFault {
  readonly spec: FaultSpec;
  /** The expired or near-expiry set this fault serves, issued on its first hit and reused after. */
  credentials?: CredentialSet;
}

interface Entry extends ActiveFault {
  remaining: number;
  hits: number;
}

const IMDS_KINDS: ReadonlySet<RequestKind> = new Set([
  'imds-token',
  'imds-credentials',
  'imds-role-list',
  'imds-other',
]);
const CREDENTIAL_ACTIONS: ReadonlySet<string> = new Set(['AssumeRole', 'AssumeRoleWithWebIdentity']);

/** Whether a fault of this type means anything for this request; hits count only requests it changed. */
function applies(type: FaultType, ctx: FaultContext): boolean {
  switch (type) {
    case 'code':
      return ctx.kind === 'imds-credentials' || ctx.kind === 'sts' || ctx.kind === 's3' || ctx.kind === 'sso';
    case 'expired':
    case 'near-expiry':
      return (
        ctx.kind === 'imds-credentials' ||
        ctx.kind === 'container' ||
        ctx.kind === 'sso' ||
        (ctx.kind === 'sts' && CREDENTIAL_ACTIONS.has(ctx.action ?? ''))
      );
    case 'invalidate-tokens':
      return IMDS_KINDS.has(ctx.kind) && ctx.kind !== 'imds-token';
    case 'no-ttl-header':
      return ctx.kind === 'imds-token';
    case 'imds-disabled':
      return IMDS_KINDS.has(ctx.kind);
    default:
      return true;
  }
}

function targets(spec: FaultSpec, ctx: FaultContext): boolean {
  if (spec.kind !== undefined && spec.kind !== ctx.kind) return false;
  if (spec.method !== undefined && spec.method.toUpperCase() !== ctx.method) return false;
  if (typeof spec.path === 'string' && spec.path !== ctx.path) return false;
  if (spec.path instanceof RegExp && ctx.path.search(spec.path) === -1) return false;
  return true;
}

/**
 * The installed faults, in installation order. A request gets at most one fault: the first one that
 * targets it, applies to it, has uses left and wins its probability draw.
 */
export class FaultSet {
  readonly #random: () => number;
  #entries: Entry[] = [];

  constructor(random: () => number) {
    this.#random = random;
  }

  add(spec: FaultSpec): FaultHandle {
    validateFault(spec);
    const entry: Entry = { spec: { ...spec }, remaining: spec.times ?? Number.POSITIVE_INFINITY, hits: 0 };
    this.#entries.push(entry);
    return {
      clear: () => {
        this.#entries = this.#entries.filter((e) => e !== entry);
      },
      get hits() {
        return entry.hits;
      },
    };
  }

  clear(): void {
    this.#entries = [];
  }

  /** Picks the fault for a request and counts the hit. */
  pick(ctx: FaultContext): ActiveFault | undefined {
    return this.#take((e) => targets(e.spec, ctx) && applies(e.spec.type, ctx));
  }

  /** Whether a new connection should be reset: only `refuse` faults with no request filter apply here. */
  refuseConnection(): boolean {
    const isBare = (s: FaultSpec) =>
      s.type === 'refuse' && s.path === undefined && s.kind === undefined && s.method === undefined;
    return this.#take((e) => isBare(e.spec)) !== undefined;
  }

  #take(predicate: (e: Entry) => boolean): ActiveFault | undefined {
    for (const entry of this.#entries) {
      if (entry.remaining <= 0 || !predicate(entry)) continue;
      if (entry.spec.probability !== undefined && this.#random() >= entry.spec.probability) continue;
      entry.remaining--;
      entry.hits++;
      return entry;
    }
    return undefined;
  }
}
