import type { SourceContext, SourceDriver } from '../sources/SourceDriver.js';
import type { DoctorProbeId } from './DoctorReport.js';
import { ProbeBudget } from './ProbeBudget.js';
import type { ProbeGroup } from './ProbeGroup.js';
import { runSource } from './runSource.js';

/**
 * A source with one step to look at (an env session, a profile chain): its driver, run as the chain
 * runs it under the doctor's time bound, is the one probe.
 */
export function probeOneStep(
  id: DoctorProbeId,
  driver: () => SourceDriver,
): (ctx: SourceContext, timeoutMs: number) => Promise<ProbeGroup> {
  return async (ctx, timeoutMs) => {
    const budget = new ProbeBudget(ctx.seams, ctx.clock, timeoutMs);
    try {
      const { result } = await runSource(driver(), { ...ctx, seams: budget.seams }, budget, timeoutMs);
      const { source, outcome, reason, durationMs } = result;
      return { result, probes: [{ id, source, outcome, detail: reason, durationMs }] };
    } finally {
      budget.close();
    }
  };
}
