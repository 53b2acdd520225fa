import type { Derivation } from '../derivePolicy.js';
import type { Underivable } from '../map/mapCall.js';
import { type Parameter, parametersOf } from './parametersOf.js';
import { type PolicyDocument, policyDocument } from './policyDocument.js';
import type { RenderContext } from './RenderContext.js';
import { renderArn } from './renderArn.js';

/** The `--format json` report. */
export interface PolicyReport {
  policy: PolicyDocument;
  underivable: Underivable[];
  parameters: Parameter[];
  requirements: { action: string; resource: string; file: string; line: number; derivation: string }[];
}

/** The JSON report of one derivation: the policy, what could not be derived, parameters and every requirement. */
export function policyReport(derivation: Derivation, ctx: RenderContext = {}): PolicyReport {
  return {
    policy: policyDocument(derivation.requirements, ctx),
    underivable: derivation.underivable.map(({ action, param, file, line, reason }) => ({
      action,
      param,
      file,
      line,
      reason,
    })),
    parameters: parametersOf(derivation.requirements, ctx),
    requirements: derivation.requirements.map((r) => ({
      action: r.action,
      resource: renderArn(r.resource, ctx),
      file: r.file,
      line: r.line,
      derivation: r.derivation,
    })),
  };
}
