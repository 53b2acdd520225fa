import { setTimeout as sleep } from 'node:timers/promises';
import { KeyTags } from './KeyTags.js';
import { clientProvider, type KeylessTuning, type SubjectName } from './subjects.js';

/** Inputs of the caller-stream scenario. */
export interface CallerStreamArgs {
  subject: SubjectName;
  durationMs: number;
  /** A new caller starts this often, whether or not earlier ones have finished. */
  intervalMs: number;
  keyless: KeylessTuning;
}

/** Every caller of one stream, in start order. */
export interface CallerStream {
  /** Wall clock (epoch ms) when the first, cold, call had finished and the stream began. */
  startedAtEpochMs: number;
  /** Start of each call, ms after the stream began. */
  startMs: number[];
  /** How long each call took, ms. */
  latencyMs: number[];
  /**
   * Whether each call settled only in a later turn of the event loop: a cached answer settles in the
   * microtasks of the turn that asked, a network wait cannot. Together with the latency this tells a
   * caller that waited on the network from one the machine merely paused.
   */
  deferred: boolean[];
  /** Which credentials each call got: 0 for the first set seen, 1 for the next... */
  keyTag: number[];
  /** Epoch ms at which each new set was first seen (index = tag). */
  firstSeenEpochMs: number[];
  /** Calls that rejected. */
  failures: number;
}

const DRAIN_LIMIT_MS = 10_000;

/**
 * Figure 2 (in its own process): after one cold call, a caller starts every `intervalMs` for
 * `durationMs`, each calling the provider a client signs with, as a busy service would. Bounded: the
 * loop has a fixed number of iterations, and stragglers get at most 10 s to finish.
 */
export async function callerStreamScenario(args: CallerStreamArgs): Promise<CallerStream> {
  const provide = clientProvider(args.subject, args.keyless);
  const tags = new KeyTags();
  const firstSeenEpochMs: number[] = [];
  const note = (tag: number) => {
    if (firstSeenEpochMs[tag] === undefined) firstSeenEpochMs[tag] = Date.now();
  };
  note(tags.tag(await provide()));

  const stream: CallerStream = {
    startedAtEpochMs: Date.now(),
    startMs: [],
    latencyMs: [],
    deferred: [],
    keyTag: [],
    firstSeenEpochMs,
    failures: 0,
  };
  const start = performance.now();
  const calls = Math.floor(args.durationMs / args.intervalMs);
  const pending = new Set<Promise<void>>();
  for (let i = 0; i < calls; i++) {
    const wait = start + i * args.intervalMs - performance.now();
    if (wait > 0) await sleep(wait);
    const turn = { over: false };
    setImmediate(() => {
      turn.over = true;
    });
    const begun = performance.now();
    const call = provide().then(
      (credentials) => {
        stream.deferred.push(turn.over);
        const tag = tags.tag(credentials);
        note(tag);
        stream.startMs.push(begun - start);
        stream.latencyMs.push(performance.now() - begun);
        stream.keyTag.push(tag);
      },
      () => {
        stream.failures++;
      },
    );
    pending.add(call);
    void call.finally(() => pending.delete(call));
  }
  await Promise.race([Promise.all(pending), sleep(DRAIN_LIMIT_MS)]);
  return stream;
}
