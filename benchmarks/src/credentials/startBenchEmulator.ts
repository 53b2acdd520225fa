import { type Emulator, startEmulator } from '@keyless/emulator';

/** How the emulator of one scenario behaves. */
export interface BenchEmulatorInit {
  /** Credentials-request latency drawn uniformly from these steps (ms); none when omitted. */
  latencyStepsMs?: readonly number[];
  credentialLifetimeMs?: number;
  rotationLeadMs?: number;
  /** The emulator's clock runs this far ahead of the wall clock (see the figure 2 notes). */
  clockOffsetMs?: number;
  /** Seed of the latency draws, so every run and every subject gets the same sequence. */
  seed?: number;
}

/** The latency steps of the issue: 100 to 200 ms. */
export const LATENCY_STEPS_MS: readonly number[] = [100, 125, 150, 175, 200];

/** Starts an emulator on 127.0.0.1 with the scenario's lifetimes and latency on IMDS credential requests. */
export async function startBenchEmulator(init: BenchEmulatorInit = {}): Promise<Emulator> {
  const offset = init.clockOffsetMs ?? 0;
  const emu = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    seed: init.seed ?? 7,
    ...(init.credentialLifetimeMs === undefined ? {} : { credentialLifetimeMs: init.credentialLifetimeMs }),
    ...(init.rotationLeadMs === undefined ? {} : { rotationLeadMs: init.rotationLeadMs }),
    ...(offset === 0 ? {} : { clock: { now: () => Date.now() + offset } }),
  });
  installLatency(emu, init.latencyStepsMs ?? []);
  return emu;
}

/**
 * Delays IMDS credential requests by one of `stepsMs`, each equally likely. A request gets at most one
 * fault (the first that matches and wins its draw), so the steps go in slowest first with
 * probabilities 1/n, 1/(n-1), ..., 1; a fault meant to win over the latency must be installed after
 * `clearFaults()`, before this.
 */
export function installLatency(emu: Emulator, stepsMs: readonly number[]): void {
  const steps = [...stepsMs].sort((a, b) => b - a);
  steps.forEach((ms, i) => {
    const probability = 1 / (steps.length - i);
    emu.fault({
      kind: 'imds-credentials',
      type: 'latency',
      ms,
      ...(probability < 1 ? { probability } : {}),
    });
  });
}
