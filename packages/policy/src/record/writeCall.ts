import { appendFileSync } from 'node:fs';
import type { CallSink, RecordedCall } from './RecordedCall.js';

/**
 * Sends one record to its sink. A file gets one line per call, appended synchronously: the
 * recorder runs in staging or test runs, where a line per call must survive a crash and keep its
 * order, and costs microseconds next to the call's round trip. A sink that fails never fails the
 * call: the error goes to `onError` (default: dropped).
 */
export function writeCall(sink: CallSink, call: RecordedCall, onError?: (e: unknown) => void): void {
  try {
    if ('write' in sink) sink.write(call);
    else appendFileSync(sink.file, `${JSON.stringify(call)}\n`);
  } catch (e: unknown) {
    onError?.(e);
  }
}
