import { maskAccessKeyId, redactSecrets } from '@keyless/redact';
import type { AwsCredentialIdentity } from '@smithy/types';
import { kindOf, type RoleSource } from '../CredentialSource.js';
import type { SourceContext, SourceDriver } from '../sources/SourceDriver.js';
import { toError } from '../toError.js';
import type { DoctorSourceResult } from './DoctorReport.js';
import type { ProbeBudget, Settled } from './ProbeBudget.js';

/** A role source's skip decision and, unless skipped, its fetch under the doctor's time bound. */
export interface SourceRun {
  readonly result: DoctorSourceResult;
  readonly settled: Settled<AwsCredentialIdentity> | undefined;
}

/**
 * Asks the source's own driver, exactly as the chain does: `skipReason` first (no network), then
 * `fetch`. Only the masked key id and the expiry of what it returns are kept.
 */
export async function runSource(
  driver: SourceDriver,
  ctx: SourceContext,
  budget: ProbeBudget,
  timeoutMs: number,
): Promise<SourceRun> {
  const source = driver.name as RoleSource;
  const started = ctx.clock.now();
  const skip = await driver.skipReason(ctx);
  if (skip !== undefined) {
    return {
      result: { source, outcome: 'skipped', reason: skip, durationMs: ctx.clock.now() - started },
      settled: undefined,
    };
  }
  const settled = await budget.run(() => driver.fetch(ctx));
  const durationMs = ctx.clock.now() - started;
  return { result: { source, durationMs, ...describeSettled(settled, timeoutMs) }, settled };
}

/** Outcome and reason of a settled fetch, in words that never hold a secret. */
function describeSettled(
  settled: Settled<AwsCredentialIdentity>,
  timeoutMs: number,
): Pick<DoctorSourceResult, 'outcome' | 'reason' | 'accessKeyId' | 'expiration' | 'kind'> {
  if (settled.kind === 'timeout') {
    return { outcome: 'timeout', reason: `gave up after ${timeoutMs} ms (the doctor's time bound)` };
  }
  if (settled.kind === 'error') {
    return { outcome: 'failed', reason: redactSecrets(toError(settled.error).message) };
  }
  const accessKeyId = maskAccessKeyId(settled.value.accessKeyId);
  const expiration = settled.value.expiration?.toISOString();
  return {
    outcome: 'ok',
    reason: `${kindOf(settled.value) === 'role' ? 'temporary' : 'long-lived'} credentials ${accessKeyId}${expiration === undefined ? '' : `, expiring ${expiration}`}`,
    accessKeyId,
    kind: kindOf(settled.value),
    ...(expiration === undefined ? {} : { expiration }),
  };
}
