/** One command line of a fenced `sh` block in a Markdown file. */
export interface ShellCommand {
  /** Repository-relative path of the Markdown file. */
  file: string;
  /** 1-based line in that file. */
  line: number;
  /** The command without its trailing comment. */
  command: string;
  /** The trailing `# ...` comment, without the `#`; empty when there is none. */
  comment: string;
}

const FENCE_OPEN = /^```(sh|bash|shell)\s*$/;

/** Splits a shell line at the first `#` that starts a comment (outside quotes, after a blank). */
function splitComment(text: string): { command: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return { command: text.slice(0, i).trim(), comment: text.slice(i + 1).trim() };
    }
  }
  return { command: text.trim(), comment: '' };
}

/**
 * Every command line in the fenced `sh`/`bash`/`shell` blocks of a Markdown text, in order. Lines
 * that are only a comment are left out. The READMEs keep one command per line, so a line ending in
 * a backslash is an error rather than something to join.
 */
export function shellCommands(file: string, markdown: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let inBlock = false;
  markdown.split('\n').forEach((text, index) => {
    if (!inBlock) {
      inBlock = FENCE_OPEN.test(text);
      return;
    }
    if (text.startsWith('```')) {
      inBlock = false;
      return;
    }
    const { command, comment } = splitComment(text);
    if (command === '') return;
    if (command.endsWith('\\'))
      throw new Error(`${file}:${index + 1}: keep README commands on one line (no trailing backslash)`);
    commands.push({ file, line: index + 1, command, comment });
  });
  return commands;
}
