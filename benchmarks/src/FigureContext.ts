import type { Profile } from './Profile.js';

/** What every figure gets from the run. */
export interface FigureContext {
  profile: Profile;
  /** A private temporary directory, removed after the run. */
  scratchDir: string;
  /** Progress lines for the console. */
  log: (line: string) => void;
}
