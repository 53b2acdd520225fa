import type { SourceContext } from '../sources/SourceDriver.js';

/**
 * A token file as the doctor reads it: its text, or undefined when it cannot be read (a FIFO, a
 * device, over the size cap, absent); the source's own fetch reports the exact reason.
 */
export async function readForProbe(ctx: SourceContext, path: string): Promise<string | undefined> {
  return ctx.seams.readFile(path).catch(() => undefined);
}
