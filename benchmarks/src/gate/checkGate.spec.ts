import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIGURE_IDS } from '../BenchOptions.js';
import type { Figure } from '../report/Figure.js';
import { checkGate, loadThresholds, type Threshold } from './checkGate.js';

function figure(ratios: Record<string, number>): Figure {
  return {
    id: 'x',
    number: 1,
    title: 'x',
    setup: '',
    columns: [],
    rows: [],
    ratios: Object.entries(ratios).map(([id, value]) => ({ id, label: id, value })),
    notes: [],
  };
}

const limits: Threshold[] = [
  { ratio: 'a/slow', max: 1.5, target: 1, why: '' },
  { ratio: 'a/fast', min: 20, why: '' },
];

describe(checkGate.name, () => {
  it('passes when every ratio is inside its limits, and reports targets separately', () => {
    const gate = checkGate([figure({ 'a/slow': 1.2, 'a/fast': 25 })], limits, []);
    expect(gate.passed).toBe(true);
    expect(gate.checks.map((c) => c.targetMet)).toEqual([false, null]);
  });

  it('fails on a ratio above its max or below its min', () => {
    expect(checkGate([figure({ 'a/slow': 1.51, 'a/fast': 25 })], limits, []).passed).toBe(false);
    expect(checkGate([figure({ 'a/slow': 1, 'a/fast': 19.9 })], limits, []).passed).toBe(false);
  });

  it('fails when a ratio is missing or not a number, so a figure cannot stop measuring unnoticed', () => {
    const gate = checkGate([figure({ 'a/slow': Number.NaN })], limits, []);
    expect(gate.passed).toBe(false);
    expect(gate.checks.map((c) => c.value)).toEqual([null, null]);
  });

  it('fails when a figure could not run', () => {
    const gate = checkGate([figure({ 'a/slow': 1, 'a/fast': 30 })], limits, [
      { id: 'outage', error: 'boom' },
    ]);
    expect(gate.passed).toBe(false);
  });
});

describe(loadThresholds.name, () => {
  it('reads the committed file, whose every entry names a figure of the run', async () => {
    const path = fileURLToPath(new URL('../../thresholds.json', import.meta.url));
    const thresholds = await loadThresholds(path);
    expect(thresholds.length).toBeGreaterThan(5);
    for (const t of thresholds) expect(FIGURE_IDS).toContain(t.ratio.split('/')[0]);
  });

  it('rejects an entry without a limit, naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'thresholds-'));
    const path = join(dir, 'thresholds.json');
    await writeFile(path, JSON.stringify({ thresholds: [{ ratio: 'a/b', why: 'no limit' }] }));
    await expect(loadThresholds(path)).rejects.toThrow(/thresholds\[0\] has no max or min/);
  });
});
