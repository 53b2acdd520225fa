/** One script block of a markup file, as offsets into the file's text. */
export interface ScriptBlock {
  start: number;
  end: number;
  /** A file name whose extension tells `parseCode` the block's language (`block.ts`, `block.jsx`). */
  parseAs: string;
  /** Runs in the browser (every `<script>`); Astro's frontmatter runs on the server. */
  browser: boolean;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Astro: a `---` fenced TypeScript frontmatter at the top of the file.
const FRONTMATTER = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
// `type` values of script tags that hold JavaScript; anything else (JSON, templates) is data.
const JS_TYPES =
  /^(?:text\/javascript|application\/javascript|module|text\/babel|text\/jsx|text\/typescript|)$/i;

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  return m === null ? undefined : (m[1] ?? m[2] ?? m[3] ?? '');
}

function parseAs(attrs: string): string | undefined {
  const type = attribute(attrs, 'type') ?? '';
  if (!JS_TYPES.test(type.trim())) return undefined;
  const lang = (attribute(attrs, 'lang') ?? '').toLowerCase();
  if (lang === 'ts' || lang === 'typescript' || /typescript/i.test(type)) return 'block.ts';
  if (lang === 'tsx') return 'block.tsx';
  return 'block.jsx';
}

/**
 * The JavaScript and TypeScript blocks of a Vue, Svelte, Astro, HTML or PHP file: `<script>`
 * elements with a JS type (`lang="ts"` and friends honoured) and Astro's frontmatter. A script
 * with `src` and no body, or of a data type (`application/json`, templates), is not a block: the
 * key patterns scan it with the rest of the markup.
 */
export function scriptBlocks(file: string, text: string): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  if (/\.astro$/i.test(file)) {
    const m = FRONTMATTER.exec(text);
    if (m?.[1] !== undefined) {
      const start = m[0].indexOf(m[1]);
      blocks.push({ start, end: start + m[1].length, parseAs: 'block.ts', browser: false });
    }
  }
  for (const m of text.matchAll(SCRIPT)) {
    const attrs = m[1] ?? '';
    const body = m[2] ?? '';
    const as = parseAs(attrs);
    if (as === undefined || body.trim() === '') continue;
    const start = (m.index ?? 0) + m[0].indexOf('>') + 1;
    blocks.push({ start, end: start + body.length, parseAs: as, browser: true });
  }
  return blocks;
}

/**
 * `text` with everything outside `[start, end)` blanked: spaces, with line breaks kept, so
 * offsets, lines and columns of the block stay those of the file.
 */
export function blankOutside(text: string, start: number, end: number): string {
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

/** `text` with the blocks blanked, the same way: what the key patterns scan in a markup file. */
export function blankBlocks(text: string, blocks: readonly ScriptBlock[]): string {
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += text.slice(at, b.start) + blank(text.slice(b.start, b.end));
    at = b.end;
  }
  return out + text.slice(at);
}

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}
