/** Plain, readable demo output: numbered steps, indented detail. Nothing here ever sees a secret. */
export class Narrator {
  readonly #write: (line: string) => void;

  constructor(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {
    this.#write = write;
  }

  step(n: number, title: string): void {
    this.#write(`\n${n}. ${title}`);
  }

  say(text: string): void {
    for (const line of text.split('\n')) this.#write(`   ${line}`);
  }

  ok(text: string): void {
    this.say(`✓ ${text}`);
  }

  /** Output of another tool, quoted as it came, indented under the step. */
  quote(text: string): void {
    for (const line of text.trimEnd().split('\n')) this.#write(`   │ ${line}`);
  }
}
