import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { CHANNELS } from '../../src/events.js';

export interface RecordedEvent {
  channel: keyof typeof CHANNELS;
  message: Record<string, unknown>;
}

/** Records every keyless event until `stop()` is called. */
export function recordEvents(): { events: RecordedEvent[]; stop(): void } {
  const events: RecordedEvent[] = [];
  const handlers = Object.entries(CHANNELS).map(([key, name]) => {
    const handler = (message: unknown): void => {
      events.push({ channel: key as keyof typeof CHANNELS, message: message as Record<string, unknown> });
    };
    subscribe(name, handler);
    return () => unsubscribe(name, handler);
  });
  return {
    events,
    stop: () => {
      for (const off of handlers) off();
    },
  };
}
