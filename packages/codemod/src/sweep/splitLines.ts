/** Source lines as the engine counts them (`\n`, with a trailing `\r` dropped), index 0 = line 1. */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}
