import { subscribe } from 'node:diagnostics_channel';
import { CHANNELS } from '../../src/events.js';
import { settle } from './FakeTime.js';

/**
 * Waits until every refresh that started has finished (by the cache events), so a test that moves a
 * fake clock does not move it while real HTTP behind a background refresh is still in flight.
 */
export function refreshesSettled(): () => Promise<void> {
  let started = 0;
  let finished = 0;
  subscribe(CHANNELS.refreshStarted, () => started++);
  subscribe(CHANNELS.refreshSucceeded, () => finished++);
  subscribe(CHANNELS.refreshFailed, () => finished++);
  return async () => {
    await settle();
    while (finished < started) await new Promise((resolve) => setTimeout(resolve, 1));
  };
}
