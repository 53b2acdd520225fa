import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CHANNELS,
  fromInstanceRole,
  maskAccessKeyId,
  type RefreshSucceededEvent,
} from '@keyless/credentials';
import { startEmulator } from '@keyless/emulator';
import type { Narrator } from '../Narrator.js';

const LIFETIME_MS = 6_000;
const RUN_MS = 13_000;
const CALL_EVERY_MS = 20;
const METADATA_LATENCY_MS = 150;

/**
 * Step 2: credentials that live six seconds, a metadata service that takes 150 ms to answer, and a
 * caller asking for credentials every 20 ms. The refresh happens in the background, so no call waits.
 */
export async function backgroundRefresh(out: Narrator): Promise<void> {
  out.step(2, 'Refresh in the background: no caller waits');
  const emulator = await startEmulator({ credentialLifetimeMs: LIFETIME_MS, rotationLeadMs: 3_000 });
  emulator.fault({ kind: 'imds-credentials', type: 'latency', ms: METADATA_LATENCY_MS });
  const credentials = fromInstanceRole({
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.endpoints.imds },
    advisoryWindowMs: 2_500,
    mandatoryWindowMs: 1_000,
  });
  const refreshes: string[] = [];
  const onRefresh = (message: unknown) => {
    const event = message as RefreshSucceededEvent;
    if (event.reason !== 'initial') refreshes.push(maskAccessKeyId(event.accessKeyId));
  };
  subscribe(CHANNELS.refreshSucceeded, onRefresh);
  try {
    out.say(
      `credentials live ${LIFETIME_MS / 1000} s, every metadata answer takes ${METADATA_LATENCY_MS} ms, ` +
        `a caller asks every ${CALL_EVERY_MS} ms for ${RUN_MS / 1000} s`,
    );
    await credentials(); // the one cold fetch a process ever waits for
    const keys = new Set<string>();
    const latencies: number[] = [];
    const end = performance.now() + RUN_MS;
    let second = 0;
    let secondMax = 0;
    let secondStart = performance.now();
    while (performance.now() < end) {
      const started = performance.now();
      const resolved = await credentials();
      const took = performance.now() - started;
      latencies.push(took);
      secondMax = Math.max(secondMax, took);
      keys.add(resolved.accessKeyId);
      if (performance.now() - secondStart >= 1_000) {
        second += 1;
        out.say(
          `t=${String(second).padStart(2)} s  slowest call ${secondMax.toFixed(2)} ms  key ${maskAccessKeyId(resolved.accessKeyId)}`,
        );
        secondMax = 0;
        secondStart = performance.now();
      }
      await sleep(CALL_EVERY_MS);
    }
    const waited = latencies.filter((ms) => ms >= METADATA_LATENCY_MS / 2).length;
    out.ok(
      `${latencies.length} calls, ${keys.size} different keys, ${refreshes.length} background refreshes, ` +
        `${waited} ${waited === 1 ? 'call' : 'calls'} waited on the metadata service (slowest ${Math.max(...latencies).toFixed(2)} ms)`,
    );
    out.say(`credentials requests to the metadata service: ${emulator.count({ kind: 'imds-credentials' })}`);
  } finally {
    unsubscribe(CHANNELS.refreshSucceeded, onRefresh);
    credentials.close();
    await emulator.stop();
  }
}
