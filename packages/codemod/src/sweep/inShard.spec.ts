import { describe, expect, it } from 'vitest';
import { inShard } from './inShard.js';

describe(inShard.name, () => {
  const paths = Array.from({ length: 2000 }, (_, i) => `packages/p${i % 37}/src/file${i}.ts`);

  it('puts every path in exactly one of n shards', () => {
    for (const p of paths.slice(0, 200)) {
      const owners = [1, 2, 3, 4].filter((index) => inShard(p, { index, count: 4 }));
      expect(owners).toHaveLength(1);
    }
  });

  it('splits evenly enough that no shard gets more than 1.25x its share', () => {
    const sizes = [1, 2, 3, 4].map((index) => paths.filter((p) => inShard(p, { index, count: 4 })).length);
    for (const s of sizes) expect(s).toBeLessThan((paths.length / 4) * 1.25);
  });

  it('keeps everything with one shard', () => {
    expect(paths.every((p) => inShard(p, { index: 1, count: 1 }))).toBe(true);
  });
});
