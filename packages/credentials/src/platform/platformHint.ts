import type { ReadFile } from '../io/readFile.js';
import { detectPlatform, type PlatformHint } from './detectPlatform.js';

// One reading per process (per file seam): DMI data does not change while a process runs.
const hints = new WeakMap<ReadFile, Promise<PlatformHint>>();

/** The platform hint, read once per process and cached. */
export function platformHint(readFile: ReadFile): Promise<PlatformHint> {
  let hint = hints.get(readFile);
  if (hint === undefined) {
    hint = detectPlatform(readFile);
    hints.set(readFile, hint);
  }
  return hint;
}
