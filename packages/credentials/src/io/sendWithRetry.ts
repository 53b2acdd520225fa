import { HttpTransportError, isUnreachable } from './HttpTransportError.js';
import type { HttpRequest, HttpResponse } from './httpRequest.js';
import type { Sleep } from './sleep.js';

/** How one fetch talks to a credential endpoint: its seams, its budget and its deadline. */
export interface FetchBudget {
  request: HttpRequest;
  sleep: Sleep;
  random: () => number;
  /** Timeout of one attempt. */
  timeoutMs: number;
  /** Attempts per request on 429, 5xx and network errors. */
  maxAttempts: number;
  /** Aborts when the whole fetch is out of time. */
  deadline: AbortSignal;
  /** `performance.now()` value at which `deadline` fires. */
  deadlineAt: number;
  /**
   * The endpoint has not answered yet (first contact): a timeout or an unreachable address is final,
   * as in the SDKs' one-attempt default, instead of spending the whole deadline on a host that has
   * no such service. Cleared by the first HTTP response, after which those are retried.
   */
  probe?: boolean;
}

const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 1000;

/**
 * Sends one request, retrying 429, 5xx and network errors with full-jitter exponential backoff
 * (100 ms doubling, capped at 1 s) and honouring `Retry-After`, all inside the fetch deadline. The last
 * 429/5xx response is returned for the caller to turn into an error; a network error is thrown.
 */
export async function sendWithRetry(
  budget: FetchBudget,
  options: { method: 'GET' | 'PUT'; url: string; headers?: Record<string, string> },
): Promise<HttpResponse> {
  for (let attempt = 1; ; attempt++) {
    const remaining = budget.deadlineAt - performance.now();
    if (budget.deadline.aborted || remaining <= 0) {
      throw new HttpTransportError('EDEADLINE', `${options.method} ${options.url}: fetch deadline passed`);
    }
    let response: HttpResponse;
    try {
      response = await budget.request({
        ...options,
        timeoutMs: Math.min(budget.timeoutMs, remaining),
        signal: budget.deadline,
      });
    } catch (e: unknown) {
      // A refused connection is an answer: nothing listens there, and retrying in 100 ms changes nothing.
      const refused = e instanceof HttpTransportError && e.code === 'ECONNREFUSED';
      const last = attempt >= budget.maxAttempts || refused || (budget.probe === true && isUnreachable(e));
      if (last || (e instanceof HttpTransportError && e.code === 'EDEADLINE')) throw e;
      await pause(budget, backoff(budget, attempt), e);
      continue;
    }
    budget.probe = false;
    if (response.status !== 429 && response.status < 500) return response;
    if (attempt >= budget.maxAttempts) return response;
    const delay = retryAfterMs(response) ?? backoff(budget, attempt);
    if (delay >= budget.deadlineAt - performance.now()) return response;
    await pause(budget, delay, undefined);
  }
}

function backoff(budget: FetchBudget, attempt: number): number {
  return budget.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
}

async function pause(budget: FetchBudget, ms: number, lastError: unknown): Promise<void> {
  try {
    await budget.sleep(ms, budget.deadline);
  } catch {
    if (lastError !== undefined) throw lastError;
    throw new HttpTransportError('EDEADLINE', 'fetch deadline passed while backing off');
  }
}

/** `Retry-After` as seconds or an HTTP date; undefined when absent or unparseable. */
function retryAfterMs(response: HttpResponse): number | undefined {
  const raw = response.headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
