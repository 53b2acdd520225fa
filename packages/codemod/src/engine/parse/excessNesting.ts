/**
 * How deep a file may nest before the engine refuses to parse it. oxc-parser 0.159 recurses on the
 * native stack and a stack overflow kills the whole process (SIGSEGV, no report, a half-done fix),
 * so a file that could overflow is a parse failure instead. Measured crash depths in a worker
 * thread (4 MiB stack, smaller than the main thread's 8 MiB): `{a:` object nesting 1,616,
 * `function(){` 1,713, template holes 1,956, TS generics 2,151, parentheses 2,928, `if(a)` without
 * braces and labels 3,220, `?:` ternaries, assignments and arrows 4,000, JSX elements 7,495, `new`
 * 8,272, `!`/`typeof` 14,102, `await` 28,484, binary operators 31,593. The weights below make each
 * construct cost about 1,600 / its crash depth, so `MAX_NESTING` stays at least 1.3x below
 * every one of them, alone or mixed. Real code scores far below it: the deepest of the 9,153
 * JS/TS files in this repository's `node_modules` (minified bundles) scores under 250, the
 * 9 MB TypeScript compiler under 50.
 */
export const MAX_NESTING = 1000;

const BRACKET = 1;
const ANGLE = 1; // TS only: `A<A<A<…>>>`
const TERNARY = 0.5;
const COLON = 0.4; // ternary else-branches and labels
const ASSIGN = 0.5; // `=` and `=>`
const JSX = 0.25;
const UNARY = 0.1; // `!`, `~`
const BINARY = 0.05;
// `if` and `else` stack up in else-if chains and brace-less `if`s; the prefix keywords like `!`.
const KEYWORDS: Array<[string, number]> = [
  ['if', 0.5],
  ['else', 0.5],
  ['new', 0.2],
  ['typeof', 0.1],
  ['void', 0.1],
  ['delete', 0.1],
  ['await', 0.1],
  ['yield', 0.1],
];

/** The nesting cost of the word `text.slice(i, end)`, without slicing it (this runs per word). */
function keywordCost(text: string, i: number, end: number): number {
  const length = end - i;
  if (length < 2 || length > 6) return 0;
  for (const [word, cost] of KEYWORDS) if (word.length === length && text.startsWith(word, i)) return cost;
  return 0;
}

const NEWLINE = 10;

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127
  );
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Index just past a quoted string starting at `i`; a string ends at its line's end at the latest. */
function skipString(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === quote || c === NEWLINE) return j + 1;
  }
  return text.length;
}

/** From inside a template literal: index past its closing backtick, or past its next `${`. */
function skipTemplate(text: string, i: number): { at: number; hole: boolean } {
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 96) return { at: j + 1, hole: false };
    else if (c === 36 && text.charCodeAt(j + 1) === 123) return { at: j + 2, hole: true };
  }
  return { at: text.length, hole: false };
}

/**
 * A cheap upper bound of how deep `text` nests, read as JS/TS without parsing it (strings,
 * comments and template text skipped roughly; a regex literal may count a bracket too many).
 * Returns the offset where the nesting first passes `limit`, or `undefined` when it never does.
 * Brackets and template holes nest until closed; operators that nest without brackets
 * (ternaries, assignments, `if` chains, unary and binary operators, JSX and TS generics) count
 * until the statement or list item ends (`;` or `,`) or their bracket closes.
 */
export function excessNesting(
  text: string,
  options: { typescript: boolean; limit?: number },
): number | undefined {
  const limit = options.limit ?? MAX_NESTING;
  const typescript = options.typescript;
  // The open brackets' saved state, flat. Every bracket costs at least 1 and the scan stops past
  // `limit`, so the stack never holds more than `limit + 1` frames.
  const frames = Math.floor(limit) + 2;
  const saved = new Float64Array(frames * 4);
  const holes = new Uint8Array(frames);
  let open = 0;
  // The innermost bracket: the cost of everything around it (its own bracket included), and the
  // operator chains since its current statement or list item began.
  let base = 0;
  let chain = 0;
  let angle = 0;
  let jsx = 0;
  let hole = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    let at = i + 1;
    let grew = true;
    let opens = -1; // 0: a bracket, 1: a template hole
    switch (c) {
      case 47: // '/'
        if (next === 47) {
          const end = text.indexOf('\n', i);
          at = end < 0 ? text.length : end;
          grew = false;
        } else if (next === 42) {
          const end = text.indexOf('*/', i + 2);
          at = end < 0 ? text.length : end + 2;
          grew = false;
        } else chain += BINARY;
        break;
      case 39: // '\''
      case 34: // '"'
        at = skipString(text, i, c);
        grew = false;
        break;
      case 96: {
        // '`'
        const t = skipTemplate(text, i + 1);
        at = t.at;
        if (t.hole) opens = 1;
        else grew = false;
        break;
      }
      case 40: // '('
      case 91: // '['
      case 123: // '{'
        opens = 0;
        break;
      case 41: // ')'
      case 93: // ']'
      case 125: {
        // '}'
        grew = false;
        const closedHole = hole === 1;
        if (open > 0) {
          open--;
          base = saved[open * 4] ?? 0;
          chain = saved[open * 4 + 1] ?? 0;
          angle = saved[open * 4 + 2] ?? 0;
          jsx = saved[open * 4 + 3] ?? 0;
          hole = holes[open] ?? 0;
        } else {
          base = chain = angle = jsx = hole = 0;
        }
        if (closedHole && c === 125) {
          const t = skipTemplate(text, i + 1);
          at = t.at;
          if (t.hole) {
            opens = 1;
            grew = true;
          }
        }
        break;
      }
      case 59: // ';'
        chain = 0;
        angle = 0;
        grew = false;
        break;
      case 44: // ','
        chain = 0;
        grew = false;
        break;
      case 63: // '?'
        if (next === 63 || next === 46) {
          at = i + 2;
          grew = false;
        } else chain += TERNARY;
        break;
      case 58: // ':'
        chain += COLON;
        break;
      case 61: // '='
        if (next === 61) {
          at = text.charCodeAt(i + 2) === 61 ? i + 3 : i + 2;
          grew = false;
        } else {
          chain += ASSIGN;
          if (next === 62) at = i + 2;
        }
        break;
      case 60: // '<'
        if (next === 47) jsx = Math.max(0, jsx - JSX);
        else if (isLetter(next) && !isWordChar(text.charCodeAt(i - 1))) jsx += JSX;
        if (typescript) angle += ANGLE;
        break;
      case 62: // '>'
        grew = false;
        if (typescript) angle = Math.max(0, angle - ANGLE);
        if (text.charCodeAt(i - 1) === 47) jsx = Math.max(0, jsx - JSX);
        break;
      case 33: // '!'
      case 126: // '~'
        if (next === 61) {
          at = i + 2;
          grew = false;
        } else chain += UNARY;
        break;
      case 43: // '+'
      case 45: // '-'
      case 42: // '*'
      case 37: // '%'
      case 38: // '&'
      case 124: // '|'
      case 94: // '^'
        chain += BINARY;
        break;
      default:
        grew = false;
        if (isWordChar(c)) {
          let end = i + 1;
          while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
          const cost = keywordCost(text, i, end);
          if (cost > 0) {
            chain += cost;
            grew = true;
          }
          at = end;
        }
    }
    if (opens >= 0) {
      saved[open * 4] = base;
      saved[open * 4 + 1] = chain;
      saved[open * 4 + 2] = angle;
      saved[open * 4 + 3] = jsx;
      holes[open] = hole;
      open++;
      base = base + chain + angle + jsx + BRACKET;
      chain = angle = jsx = 0;
      hole = opens;
    }
    if (grew && base + chain + angle + jsx > limit) return i;
    i = at;
  }
  return undefined;
}
