import { HttpTransportError } from '../io/HttpTransportError.js';
import type { HttpResponse } from '../io/httpRequest.js';
import type { Seams } from '../sources/SourceDriver.js';

/** One HTTP request a source made during a probe. Internal: the response never leaves the doctor. */
export interface ProbeRequest {
  readonly method: string;
  readonly url: URL;
  readonly startedAt: number;
  /** Unset while the request is still in flight (it was cut off by the time bound). */
  endedAt?: number;
  /** The reply, or the transport error code (`ECONNREFUSED`, `EDEADLINE`...). */
  response?: HttpResponse;
  errorCode?: string;
}

/** How a probed call ended. */
export type Settled<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'timeout' };

/**
 * The time bound and request log of one role source's probe. The source runs on the package's own
 * seams, wrapped so each request is recorded (for the IMDS token/role/credentials steps) and aborted
 * with the source's own deadline when the doctor's runs out first. `close()` clears the one timer.
 */
export class ProbeBudget {
  readonly requests: ProbeRequest[] = [];
  readonly seams: Seams;
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(base: Seams, clock: { now(): number }, timeoutMs: number) {
    // Not unref'd: every probe closes its budget in a finally, and a spec checks no timer is left.
    this.#timer = setTimeout(() => this.#controller.abort(), timeoutMs);
    const bound = this.#controller.signal;
    const both = (signal: AbortSignal | undefined): AbortSignal =>
      signal === undefined ? bound : AbortSignal.any([signal, bound]);
    this.seams = {
      readFile: base.readFile,
      sleep: (ms, signal) => base.sleep(ms, both(signal)),
      request: async (options) => {
        // Logged before it is sent, so a request the bound cuts off still shows which step hung.
        const entry: ProbeRequest = {
          method: options.method,
          url: new URL(options.url),
          startedAt: clock.now(),
        };
        this.requests.push(entry);
        try {
          entry.response = await base.request({ ...options, signal: both(options.signal) });
          return entry.response;
        } catch (e: unknown) {
          entry.errorCode = e instanceof HttpTransportError ? e.code : 'EUNKNOWN';
          throw e;
        } finally {
          entry.endedAt = clock.now();
        }
      },
    };
  }

  /** The doctor's time bound ran out. */
  get timedOut(): boolean {
    return this.#controller.signal.aborted;
  }

  /**
   * Runs `work` until it settles or the bound runs out. A source that does not use the HTTP seam (web
   * identity goes through the SDK's STS client) may still be running then: its late result is dropped.
   */
  async run<T>(work: () => Promise<T>): Promise<Settled<T>> {
    const signal = this.#controller.signal;
    let onAbort = (): void => {};
    const timeout = new Promise<Settled<T>>((resolve) => {
      onAbort = () => resolve({ kind: 'timeout' });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    const settled = work().then(
      (value): Settled<T> => ({ kind: 'ok', value }),
      (error: unknown): Settled<T> => (this.timedOut ? { kind: 'timeout' } : { kind: 'error', error }),
    );
    try {
      return await Promise.race([settled, timeout]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    clearTimeout(this.#timer);
  }
}
