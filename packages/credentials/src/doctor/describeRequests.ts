import type { ProbeRequest } from './ProbeBudget.js';

/**
 * The requests of one probe step in a line: consecutive requests to the same URL are one entry with
 * every status in order, e.g. `PUT /latest/api/token → 503, 200`. `ECONNREFUSED`-style codes stand in
 * for a status when no reply came; `no answer` marks a request a deadline cut off.
 */
export function describeRequests(requests: readonly ProbeRequest[], options: { origin: boolean }): string {
  const entries: { where: string; results: string[] }[] = [];
  for (const r of requests) {
    const where = `${r.method} ${options.origin ? r.url.origin : ''}${r.url.pathname}`;
    // A request cut off by a deadline got no answer, whichever deadline it was.
    const code = r.errorCode === 'EDEADLINE' ? undefined : r.errorCode;
    const result = r.response === undefined ? (code ?? 'no answer') : String(r.response.status);
    const last = entries.at(-1);
    if (last?.where === where) last.results.push(result);
    else entries.push({ where, results: [result] });
  }
  return entries.map((e) => `${e.where} → ${e.results.join(', ')}`).join('; ');
}

/** Time spent in `requests`; one still in flight counts up to `now`. */
export function requestsDuration(requests: readonly ProbeRequest[], now: number): number {
  return requests.reduce((sum, r) => sum + ((r.endedAt ?? now) - r.startedAt), 0);
}
