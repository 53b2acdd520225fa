/**
 * Runs `fn` over a stream with at most `limit` calls in flight, pulling the next item only
 * when a slot frees up, so a 100,000-file listing never turns into 100,000 pending reads. `fn`
 * must not reject.
 */
export async function forEachBounded<T>(
  source: Iterable<T> | AsyncIterable<T>,
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of source) {
    const p: Promise<void> = fn(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}
