import { iamPrefix } from '../discover/iamPrefix.js';
import type { Project } from '../discover/Project.js';
import type { AnalysisProblem, SdkCall } from '../discover/SdkCall.js';
import type { IamData } from '../iam/IamData.js';
import { buildResource } from '../resources/buildResource.js';
import type { ResourcePart } from '../resources/Value.js';
import { type Exception, exceptionFor } from './exceptions.js';
import type { ExceptionResult } from './Need.js';
import { DOCUMENT_OPERATIONS, WAITER_OPERATIONS } from './operationAliases.js';
import { Request } from './Request.js';

/** One action the code needs on one resource, and the call that needs it. */
export interface Requirement {
  action: string;
  resource: ResourcePart[] | '*';
  file: string;
  line: number;
  /** How the action was found: the call shape, the operation and the rule or exception row. */
  derivation: string;
}

/** An action whose resource the code does not tell: reported, never granted on `*`. */
export interface Underivable {
  action: string;
  /** The request parameter the resource depends on. */
  param: string;
  file: string;
  line: number;
  reason: string;
}

export interface MappedCall {
  requirements: Requirement[];
  underivable: Underivable[];
  problems: AnalysisProblem[];
}

/**
 * Maps one SDK call to the IAM actions it needs: the exception table's row when the operation has
 * one, otherwise rule 0 (`<prefix>:<Operation>` when the IAM data has that action), then each
 * action's resource from its ARN template.
 */
export async function mapCall(call: SdkCall, project: Project, data: IamData): Promise<MappedCall> {
  const out: MappedCall = { requirements: [], underivable: [], problems: [] };
  const where = { file: call.file, line: call.line };
  const problem = (kind: AnalysisProblem['kind'], message: string) =>
    out.problems.push({ ...where, column: call.column, kind, message });
  const prefix = iamPrefix(call.service);
  if (!(await data.serviceExists(prefix))) {
    problem('unknown-service', `unknown AWS service '${call.service}' (no IAM service prefix '${prefix}')`);
    return out;
  }
  let operation = call.document ? (DOCUMENT_OPERATIONS[call.operation] ?? call.operation) : call.operation;
  let shape: string = call.shape;
  if (operation.startsWith('waiter:')) {
    const waiter = operation.slice('waiter:'.length);
    const polled = WAITER_OPERATIONS[prefix]?.[waiter];
    if (polled === undefined) {
      problem(
        'unknown-operation',
        `unknown ${prefix} waiter '${waiter}': keyless does not know which operation it polls`,
      );
      return out;
    }
    operation = polled;
    shape = `waiter ${waiter}`;
  }
  const request = new Request(call.input, call.module, project, call.extra);
  const exception = exceptionFor(prefix, operation);
  let result: ExceptionResult;
  if (exception !== undefined) result = exception.needs(request, operation);
  else {
    const info = await data.action(prefix, operation);
    result =
      info === undefined
        ? { unknown: 'the IAM data has no such action' }
        : { needs: [{ action: info.action }] };
  }
  const rule = exception === undefined ? 'rule 0' : `exception table: ${exception.source}`;
  if ('unknown' in result) {
    problem(
      'unknown-operation',
      `${prefix}:${operation} (${call.sdk} ${call.operation}): ${result.unknown}; nothing granted for it`,
    );
    return out;
  }
  if ('underivable' in result) {
    out.underivable.push({ action: `${prefix}:${operation}`, ...where, ...result.underivable });
    return out;
  }
  for (const need of result.needs) {
    const built = await buildResource(need, request, data);
    if ('underivable' in built) {
      out.underivable.push({
        action: need.action,
        ...where,
        ...built.underivable,
        line: built.underivable.line ?? call.line,
      });
      continue;
    }
    // A client built with a literal region only ever reaches that region's resources.
    const resource =
      call.region === undefined || built.resource === '*'
        ? built.resource
        : built.resource.map((p) =>
            'placeholder' in p && p.placeholder === 'Region' ? { text: call.region ?? '' } : p,
          );
    out.requirements.push({
      action: need.action,
      resource,
      ...where,
      derivation: `${shape} ${call.operation} (${call.sdk}) → ${rule}${need.why === undefined ? '' : `; ${need.why}`}`,
    });
  }
  return out;
}

/**
 * The actions an operation needs for a request: its exception-table row, else rule 0, else
 * `unknown` (never an invented action).
 */
export async function operationNeeds(
  prefix: string,
  operation: string,
  request: Request,
  data: IamData,
): Promise<{ result: ExceptionResult; exception?: Exception }> {
  const exception = exceptionFor(prefix, operation);
  if (exception !== undefined) return { result: exception.needs(request, operation), exception };
  const info = await data.action(prefix, operation);
  return {
    result:
      info === undefined
        ? { unknown: 'the IAM data has no such action' }
        : { needs: [{ action: info.action }] },
  };
}
