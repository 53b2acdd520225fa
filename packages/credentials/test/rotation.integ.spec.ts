import { startEmulator } from '@keyless/emulator';
import { describe, expect, it } from 'vitest';
import { fromInstanceRole } from '../src/index.js';
import { FakeTime } from './support/FakeTime.js';
import { refreshesSettled } from './support/refreshesSettled.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('rotation across several refreshes, one fake clock for emulator and provider', () => {
  it('follows three rotations in the background: no caller waits, nothing expired is served', async () => {
    const time = new FakeTime(undefined, refreshesSettled());
    const emu = await startEmulator({
      clock: time,
      credentialLifetimeMs: 6 * HOUR,
      rotationLeadMs: 15 * MIN,
    });
    const provider = fromInstanceRole({
      clock: time,
      scheduler: time,
      random: () => 0.5,
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds },
    });
    try {
      const seen: string[] = [];
      let callerTriggeredRequests = 0;
      await provider();
      // 20 hours, a call every minute: three rotations of 6-hour credentials.
      for (let minute = 0; minute < 20 * 60; minute++) {
        await time.advance(MIN);
        const before = emu.count();
        const creds = await provider();
        callerTriggeredRequests += emu.count() - before;
        const now = time.now();
        // Never expired, never inside the mandatory window.
        expect(creds.expiration?.getTime() ?? 0).toBeGreaterThan(now + MIN);
        // Always a set the emulator issued and still honours.
        const issued = emu.issued().find((s) => s.accessKeyId === creds.accessKeyId);
        expect(issued?.expiration.getTime()).toBe(creds.expiration?.getTime());
        if (seen.at(-1) !== creds.accessKeyId) seen.push(creds.accessKeyId);
      }
      expect(callerTriggeredRequests).toBe(0);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      // Each rotation costs a few one-request refreshes (the timer asks again while IMDS still serves
      // the old set), never a token per refresh.
      expect(emu.count({ kind: 'imds-credentials' })).toBeLessThanOrEqual(1 + 3 * seen.length);
      expect(emu.count({ kind: 'imds-token' })).toBeLessThanOrEqual(5);
      expect(emu.count({ kind: 'imds-role-list' })).toBe(1);
    } finally {
      provider.close();
      await emu.stop();
    }
  });
});
