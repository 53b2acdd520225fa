import { Bench } from 'tinybench';
import { clientProvider, directProvider } from './subjects.js';

const CALLS_PER_SAMPLE = 100;

/** Inputs of the warm-call scenario. */
export interface WarmCallArgs {
  /** Rounds of the whole task set; each gives one ns/op per task. */
  rounds: number;
  /** Measuring time per task and round. */
  timeMs: number;
  warmupMs: number;
}

/** One measured call shape. */
export interface WarmCallTask {
  id: string;
  /** ns per call, one value per round: the round's median sample (robust to GC and preemption). */
  nsPerOp: number[];
  /** Samples per round. */
  samples: number[];
}

/**
 * Figure 1 (in its own process): the cost of a call once credentials are cached, for each provider the
 * way a client calls it, the bare providers, and the floor (an already-resolved promise). Every task
 * runs in every round, baseline first, so drift in machine load spreads over all of them.
 */
export async function warmCallScenario(args: WarmCallArgs): Promise<WarmCallTask[]> {
  const providers = {
    'sdk-imds/client': clientProvider('sdk-imds'),
    'sdk-chain/client': clientProvider('sdk-chain'),
    'sdk-chain/direct': directProvider('sdk-chain'),
    'keyless/client': clientProvider('keyless'),
    'keyless/direct': directProvider('keyless'),
  };
  const first = await providers['sdk-imds/client']();
  for (const provide of Object.values(providers)) await provide();
  const resolved = Promise.resolve(first);
  const fns: Record<string, () => Promise<unknown>> = { floor: () => resolved, ...providers };
  // One sample is a batch of sequential calls: fewer samples to keep and sort, and the timer's own
  // cost (tens of ns) spread over the batch instead of added to every sub-microsecond call.
  const batched = (fn: () => Promise<unknown>) => async () => {
    for (let i = 0; i < CALLS_PER_SAMPLE; i++) await fn();
  };

  const tasks: WarmCallTask[] = Object.keys(fns).map((id) => ({ id, nsPerOp: [], samples: [] }));
  for (let round = 0; round < args.rounds; round++) {
    const bench = new Bench({ time: args.timeMs, warmupTime: args.warmupMs, throws: true });
    for (const [id, fn] of Object.entries(fns)) bench.add(id, batched(fn));
    await bench.run();
    for (const task of tasks) {
      const result = bench.getTask(task.id)?.result;
      if (result === undefined) throw new Error(`tinybench gave no result for ${task.id}`);
      task.nsPerOp.push(((result.latency.p50 ?? result.latency.mean) * 1e6) / CALLS_PER_SAMPLE);
      task.samples.push(result.latency.samples.length);
    }
  }
  return tasks;
}
