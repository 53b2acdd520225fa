/** A one-line description of anything thrown. */
export function toMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
