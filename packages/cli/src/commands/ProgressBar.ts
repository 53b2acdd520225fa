/** Where the bar draws: a terminal stream. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of `ProgressBar`. */
export interface ProgressBarOptions {
  clock?: { now(): number };
  /** Runs shorter than this never show a bar (default 1000 ms). */
  delayMs?: number;
  /** Redraw at most this often (default 100 ms). */
  intervalMs?: number;
}

const WIDTH = 24;

/**
 * A one-line `[####------] 1234/5000 files` bar on a terminal, drawn only once a run has taken
 * longer than `delayMs` and redrawn at most every `intervalMs`. On anything but a TTY it stays
 * silent, so pipes and CI logs get no control characters.
 */
export class ProgressBar {
  readonly #stream: ProgressStream;
  readonly #clock: { now(): number };
  readonly #delayMs: number;
  readonly #intervalMs: number;
  readonly #started: number;
  #drawnAt: number | undefined;

  constructor(stream: ProgressStream, options: ProgressBarOptions = {}) {
    const { delayMs = 1000, intervalMs = 100 } = options;
    if (!(delayMs >= 0) || !(intervalMs >= 0)) throw new TypeError('ProgressBar: delays must be >= 0');
    this.#stream = stream;
    this.#clock = options.clock ?? Date;
    this.#delayMs = delayMs;
    this.#intervalMs = intervalMs;
    this.#started = this.#clock.now();
  }

  update(done: number, total: number): void {
    if (this.#stream.isTTY !== true) return;
    const now = this.#clock.now();
    if (now - this.#started < this.#delayMs) return;
    if (this.#drawnAt !== undefined && now - this.#drawnAt < this.#intervalMs) return;
    this.#drawnAt = now;
    const filled = total === 0 ? 0 : Math.min(WIDTH, Math.round((done / total) * WIDTH));
    this.#stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} files\x1b[K`);
  }

  /** Removes the bar, if one was drawn, so the report starts on a clean line. */
  clear(): void {
    if (this.#drawnAt !== undefined) this.#stream.write('\r\x1b[K');
    this.#drawnAt = undefined;
  }
}
