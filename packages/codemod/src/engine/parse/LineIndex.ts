/** A 1-based line and UTF-16 column, the way SARIF (`columnKind: utf16CodeUnits`) counts them. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Maps string offsets (UTF-16 code units, which is also what oxc-parser 0.159 reports) to 1-based
 * line and column. Lines end at `\n`; a `\r` before it belongs to the line it ends.
 */
export class LineIndex {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.#starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] ?? 0) + 1 };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.#starts[line - 1] ?? 0;
  }
}
