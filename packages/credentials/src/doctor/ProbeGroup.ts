import type { DoctorProbe, DoctorSourceResult } from './DoctorReport.js';

/** What the doctor learnt about one role source: the chain's view of it and the probes behind that. */
export interface ProbeGroup {
  readonly result: DoctorSourceResult;
  readonly probes: readonly DoctorProbe[];
}
