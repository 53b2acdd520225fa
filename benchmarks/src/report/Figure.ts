import type { Summary } from '../stats/summarize.js';

/** A table cell: a plain number, a median with its spread, text, or nothing measured. */
export type Cell = number | string | Summary | null;

/** A column of a figure's table. */
export interface Column {
  key: string;
  label: string;
  /** Decimal places shown in markdown (the JSON keeps full precision). */
  digits?: number;
}

/** Who a row measures: the floor, a baseline users would otherwise pick, or keyless. */
export type RowKind = 'floor' | 'baseline' | 'keyless';

export interface Row {
  id: string;
  label: string;
  kind: RowKind;
  cells: Record<string, Cell>;
}

/** A comparison, always keyless against a baseline (or a count the gate checks). */
export interface Ratio {
  /** Stable id the thresholds file refers to, e.g. `warm-call/keyless-client-vs-sdk-imds`. */
  id: string;
  label: string;
  value: number;
}

/** One numbered figure of the issue: its setup in words, a table, and its ratios. */
export interface Figure {
  id: string;
  number: number;
  title: string;
  /** What was run, so the table can be read without the code. */
  setup: string;
  columns: Column[];
  rows: Row[];
  ratios: Ratio[];
  notes: string[];
}
