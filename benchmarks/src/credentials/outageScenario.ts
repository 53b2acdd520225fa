import { setTimeout as sleep } from 'node:timers/promises';
import { installLatency, LATENCY_STEPS_MS, startBenchEmulator } from './startBenchEmulator.js';
import { clientProvider, type KeylessTuning, type SubjectName } from './subjects.js';

/** Inputs of the outage scenario. */
export interface OutageArgs {
  subject: SubjectName;
  lifetimeMs: number;
  rotationLeadMs: number;
  keyless: KeylessTuning;
  /** The outage starts this long after the stream and lasts `outageMs`. */
  outageStartMs: number;
  outageMs: number;
  /** The stream goes on this long after the outage. */
  afterMs: number;
  intervalMs: number;
}

/** Calls of one phase of the stream. */
interface PhaseCounts {
  calls: number;
  failed: number;
  /** Calls answered with a set the emulator had already let expire (a service would refuse them). */
  expired: number;
}

export interface Outage {
  before: PhaseCounts;
  during: PhaseCounts;
  after: PhaseCounts;
  /** ms from the outage's start to the first failed call, if any. */
  firstFailureMs: number | null;
  /**
   * ms from the outage's end (the moment the 503 fault was lifted) to the first answer with a set the
   * emulator had not let expire; `null` when no call after the outage got one.
   */
  recoveryLagMs: number | null;
  /** IMDS requests (token, role, credentials) the emulator received while the outage lasted. */
  outageRequests: number;
  /** How long the outage actually lasted, ms. */
  outageLastedMs: number;
  /** The most IMDS requests that arrived within any 1000 ms of the outage. */
  outageRequestsPeakPerSecond: number;
}

const DRAIN_LIMIT_MS = 10_000;

/**
 * Figure 5 (in its own process, with its own emulator so the outage starts at an exact moment of the
 * stream): short-lived credentials, a caller every `intervalMs`, and an IMDS outage (503 for every
 * metadata request) that outlasts the advisory window and the credentials themselves.
 */
export async function outageScenario(args: OutageArgs): Promise<Outage> {
  const emu = await startBenchEmulator({
    latencyStepsMs: LATENCY_STEPS_MS,
    credentialLifetimeMs: args.lifetimeMs,
    rotationLeadMs: args.rotationLeadMs,
  });
  try {
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = emu.url;
    const provide = clientProvider(args.subject, args.keyless);
    await provide();
    const expiryOf = (accessKeyId: string) =>
      emu
        .issued()
        .find((set) => set.accessKeyId === accessKeyId)
        ?.expiration.getTime() ?? 0;
    const phases = { before: blank(), during: blank(), after: blank() };
    let firstFailureMs: number | null = null;
    let recoveredAt: number | null = null;
    // Wall-clock bounds for the emulator's request log, stream-relative ones for the recovery lag.
    const outageWall = { start: 0, end: 0 };
    let outageEndedAt = 0;
    const start = performance.now();
    const outageEnd = args.outageStartMs + args.outageMs;
    const total = outageEnd + args.afterMs;
    let phase: 'before' | 'during' | 'after' = 'before';
    const pending = new Set<Promise<void>>();
    for (let i = 0; i * args.intervalMs < total; i++) {
      const due = i * args.intervalMs;
      const wait = start + due - performance.now();
      if (wait > 0) await sleep(wait);
      const now = due < args.outageStartMs ? 'before' : due < outageEnd ? 'during' : 'after';
      if (now !== phase) {
        phase = now;
        // The 503 must be the only fault, or the latency fault would answer credential requests first.
        emu.clearFaults();
        if (phase === 'during') {
          emu.fault({ path: /^\/latest\//, type: 'status', status: 503 });
          outageWall.start = Date.now();
        } else {
          installLatency(emu, LATENCY_STEPS_MS);
          outageWall.end = Date.now();
          outageEndedAt = performance.now() - start;
        }
      }
      const counts = phases[phase];
      counts.calls++;
      const call = provide().then(
        (credentials) => {
          if (expiryOf(credentials.accessKeyId) <= Date.now()) counts.expired++;
          else if (counts === phases.after) recoveredAt ??= performance.now() - start;
        },
        () => {
          counts.failed++;
          if (counts === phases.during && firstFailureMs === null) firstFailureMs = due - args.outageStartMs;
        },
      );
      pending.add(call);
      void call.finally(() => pending.delete(call));
    }
    await Promise.race([Promise.all(pending), sleep(DRAIN_LIMIT_MS)]);
    const during = emu
      .requests()
      .filter((r) => r.kind.startsWith('imds-') && r.at >= outageWall.start && r.at < outageWall.end)
      .map((r) => r.at);
    return {
      ...phases,
      firstFailureMs,
      recoveryLagMs: recoveredAt === null ? null : recoveredAt - outageEndedAt,
      outageRequests: during.length,
      outageLastedMs: outageWall.end - outageWall.start,
      outageRequestsPeakPerSecond: peakPerSecond(during),
    };
  } finally {
    await emu.stop();
  }
}

/** The most of these ascending times that fall within any 1000 ms. */
function peakPerSecond(times: readonly number[]): number {
  let peak = 0;
  for (let first = 0, last = 0; last < times.length; last++) {
    while ((times[last] ?? 0) - (times[first] ?? 0) >= 1000) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

function blank(): PhaseCounts {
  return { calls: 0, failed: 0, expired: 0 };
}
