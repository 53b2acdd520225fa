import type { GateReport } from '../gate/checkGate.js';
import type { Figure } from './Figure.js';
import type { MachineInfo } from './machineInfo.js';

/** Everything `results/latest.json` holds. */
export interface BenchResults {
  schema: 1;
  mode: 'quick' | 'full';
  /** The command that produced these results, from the repository root. */
  command: string;
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  figures: Figure[];
  gate: GateReport;
}
