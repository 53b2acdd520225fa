import { readFile } from 'node:fs/promises';
import type { Figure } from '../report/Figure.js';

/** One limit of `thresholds.json`: a ratio id and the side it must stay on. */
export interface Threshold {
  ratio: string;
  /** Fail when the ratio is above this. */
  max?: number;
  /** Fail when the ratio is below this. */
  min?: number;
  /** What the project aims for; reported, never fails a run. */
  target?: number;
  why: string;
}

/** The outcome of one threshold. */
interface GateCheck extends Threshold {
  value: number | null;
  passed: boolean;
  /** `null` without a target. */
  targetMet: boolean | null;
}

export interface GateReport {
  passed: boolean;
  checks: GateCheck[];
  /** Figures that could not run, with the first line of the error; any of them fails the gate. */
  failedFigures: Array<{ id: string; error: string }>;
}

/** Reads and validates the thresholds file; a malformed file throws a TypeError naming the entry. */
export async function loadThresholds(path: string): Promise<Threshold[]> {
  const json = JSON.parse(await readFile(path, 'utf8')) as { thresholds?: unknown };
  if (!Array.isArray(json.thresholds)) throw new TypeError(`${path}: expected { "thresholds": [...] }`);
  return json.thresholds.map((t: Partial<Threshold>, i) => {
    const num = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));
    if (
      typeof t.ratio !== 'string' ||
      typeof t.why !== 'string' ||
      !num(t.max) ||
      !num(t.min) ||
      !num(t.target)
    ) {
      throw new TypeError(
        `${path}: thresholds[${i}] needs "ratio" and "why" strings and numeric max/min/target`,
      );
    }
    if (t.max === undefined && t.min === undefined)
      throw new TypeError(`${path}: thresholds[${i}] has no max or min`);
    return t as Threshold;
  });
}

function within(value: number, t: Pick<Threshold, 'max' | 'min'>): boolean {
  return (t.max === undefined || value <= t.max) && (t.min === undefined || value >= t.min);
}

/**
 * Checks every threshold against the ratios of the run. A ratio that is missing or not a number fails:
 * a figure that silently stops measuring must not pass the gate.
 */
export function checkGate(
  figures: readonly Figure[],
  thresholds: readonly Threshold[],
  failedFigures: GateReport['failedFigures'],
): GateReport {
  const ratios = new Map(figures.flatMap((f) => f.ratios.map((r) => [r.id, r.value] as const)));
  const checks = thresholds.map((t): GateCheck => {
    const value = ratios.get(t.ratio);
    const ok = value !== undefined && Number.isFinite(value);
    return {
      ...t,
      value: ok ? value : null,
      passed: ok && within(value, t),
      targetMet:
        t.target === undefined || !ok ? null : t.max !== undefined ? value <= t.target : value >= t.target,
    };
  });
  return { passed: failedFigures.length === 0 && checks.every((c) => c.passed), checks, failedFigures };
}
