import type { HttpRequest, HttpRequestOptions, HttpResponse } from '../../src/io/httpRequest.js';

export type Reply = Partial<HttpResponse> | Error;
export type Handler = (req: HttpRequestOptions) => Reply;

/**
 * A double of the HTTP seam only: answers by `METHOD /path`, records every request. A route may hold a
 * queue of one-off replies (used first) and a default handler.
 */
export function scriptedHttp(routes: Record<string, Handler>) {
  const log: { method: string; path: string; headers: Record<string, string> }[] = [];
  const queues = new Map<string, Reply[]>();
  const request: HttpRequest = async (req) => {
    const url = new URL(req.url);
    const key = `${req.method} ${url.pathname}`;
    log.push({ method: req.method, path: url.pathname, headers: req.headers ?? {} });
    const queued = queues.get(key)?.shift();
    const reply = queued ?? routes[key]?.(req) ?? { status: 404, body: '' };
    if (reply instanceof Error) throw reply;
    return { status: reply.status ?? 200, headers: reply.headers ?? {}, body: reply.body ?? '' };
  };
  return {
    request,
    log,
    /** The next replies for `key`, before its handler. */
    queue(key: string, ...replies: Reply[]) {
      queues.set(key, [...(queues.get(key) ?? []), ...replies]);
    },
    count(key: string) {
      return log.filter((r) => `${r.method} ${r.path}` === key).length;
    },
  };
}
