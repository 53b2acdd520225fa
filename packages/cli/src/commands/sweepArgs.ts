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

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `--max-file-bytes 8M`: bytes, or with a `k`/`M`/`G` suffix (powers of 1024). */
export function parseMaxFileBytes(text: string): number {
  const m = /^(\d+)([kmg]?)(?:i?b)?$/i.exec(text.trim());
  const bytes = m === null ? Number.NaN : Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? Number.NaN);
  if (!(bytes > 0)) {
    throw new TypeError(
      `--max-file-bytes: expected a positive size in bytes, or with k/M/G (e.g. 8M), got ${JSON.stringify(text)}`,
    );
  }
  return bytes;
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
