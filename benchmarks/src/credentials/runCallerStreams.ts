import type { Emulator } from '@keyless/emulator';
import { benchEnv } from '../child/benchEnv.js';
import { runChild } from '../child/runChild.js';
import type { FigureContext } from '../FigureContext.js';
import type { CallerStream } from './callerStreamScenario.js';
import { LATENCY_STEPS_MS, startBenchEmulator } from './startBenchEmulator.js';
import { type KeylessTuning, SUBJECT_NAMES, type SubjectName } from './subjects.js';

/**
 * The SDK's refresh window is a fixed 5 minutes (`memoizeIdentityProvider`'s EXPIRATION_MS, the chain's
 * `credentialsTreatedAsExpired`), so the emulator's clock runs this far ahead of the wall clock: a
 * set with an emulated lifetime of L reaches the SDK's window after L of real time. keyless reads the
 * same shifted clock through its `clock` option.
 */
export const SDK_WINDOW_MS = 300_000;

/** One subject's stream and what its emulator saw. */
export interface StreamRun {
  subject: SubjectName;
  stream: CallerStream;
  /** IMDS requests (token, role, credentials) after the cold call, up to the last new set seen. */
  steadyRequests: number;
  /** New sets the callers saw after the cold call. */
  refreshes: number;
}

/** The shortened timings of one run, in words for the figure's setup line. */
export interface StreamTimings {
  lifetimeMs: number;
  rotationLeadMs: number;
  keyless: Required<Pick<KeylessTuning, 'advisoryWindowMs' | 'mandatoryWindowMs'>>;
  durationMs: number;
  intervalMs: number;
}

/**
 * IMDS writes `Expiration` to the second, so a set's lifetime as seen by its consumers is up to 1 s
 * shorter than the emulator's. The timings keep that second out of every decision: a new set is on
 * offer 800 ms after the previous one was issued, before keyless's earliest background refresh (its
 * advisory window, a third of the lifetime, plus up to a tenth of it of jitter, before the truncated
 * expiry), and the SDK refreshes at the truncated expiry, one cycle per lifetime less about 0.5 s.
 */
export function streamTimings(ctx: FigureContext): StreamTimings {
  const { lifetimeMs, sdkRefreshes, intervalMs } = ctx.profile.stream;
  return {
    lifetimeMs,
    rotationLeadMs: lifetimeMs - 800,
    keyless: { advisoryWindowMs: Math.round(lifetimeMs / 3), mandatoryWindowMs: Math.round(lifetimeMs / 20) },
    durationMs: sdkRefreshes * (lifetimeMs - 500) + 1000,
    intervalMs,
  };
}

function steadyCounts(emu: Emulator, stream: CallerStream): { steadyRequests: number; refreshes: number } {
  const lastNewSet = stream.firstSeenEpochMs.at(-1) ?? stream.startedAtEpochMs;
  const steadyRequests = emu
    .requests()
    .filter((r) => r.kind.startsWith('imds-'))
    .map((r) => r.at - SDK_WINDOW_MS)
    .filter((at) => at > stream.startedAtEpochMs && at <= lastNewSet).length;
  return { steadyRequests, refreshes: stream.firstSeenEpochMs.length - 1 };
}

/**
 * Figure 2's run: every subject at the same time, each in its own process against its own emulator
 * (same lifetimes, same seeded 100-200 ms latency on credential requests), so the request counts stay
 * apart and machine noise hits all of them alike.
 */
export async function runCallerStreams(ctx: FigureContext): Promise<StreamRun[]> {
  const t = streamTimings(ctx);
  const emulators = await Promise.all(
    SUBJECT_NAMES.map(() =>
      startBenchEmulator({
        latencyStepsMs: LATENCY_STEPS_MS,
        credentialLifetimeMs: t.lifetimeMs,
        rotationLeadMs: t.rotationLeadMs,
        clockOffsetMs: SDK_WINDOW_MS,
      }),
    ),
  );
  try {
    return await Promise.all(
      SUBJECT_NAMES.map(async (subject, i) => {
        const emu = emulators[i] as Emulator;
        const env = benchEnv(ctx.scratchDir, { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.url });
        const stream = await runChild(
          'caller-stream',
          {
            subject,
            durationMs: t.durationMs,
            intervalMs: t.intervalMs,
            keyless: { ...t.keyless, clockOffsetMs: SDK_WINDOW_MS },
          },
          { env, timeoutMs: t.durationMs + 90_000 },
        );
        return { subject, stream, ...steadyCounts(emu, stream) };
      }),
    );
  } finally {
    await Promise.all(emulators.map((emu) => emu.stop()));
  }
}
