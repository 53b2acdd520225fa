import type { Shard } from '@keyless/codemod';

/** `--shard 2/4` → `{ index: 2, count: 4 }`; 1-based like Jest and Playwright. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new TypeError(`--shard: expected i/n with 1 <= i <= n (e.g. 2/4), got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

/** `--workers 4`; `0` sweeps in-process. */
export function parseWorkers(text: string): number {
  if (!/^\d{1,3}$/.test(text.trim())) {
    throw new TypeError(
      `--workers: expected a number of threads (0 = in-process), got ${JSON.stringify(text)}`,
    );
  }
  return Number(text);
}
