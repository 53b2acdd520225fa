import type { AstNode } from '../parse/AstNode.js';

/** Replace `[start, end)` with `text` (empty text removes). Offsets are UTF-16, like oxc's. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Skips whitespace and comments from `pos`; returns the next significant offset. */
function skipTrivia(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      i = nl === -1 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else return i;
  }
}

/** Offset of the comma that follows a list item, or -1 when the list ends first. */
function commaAfter(text: string, pos: number): number {
  const i = skipTrivia(text, pos);
  return text[i] === ',' ? i : -1;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** Whether `[from, to)` holds only spaces and tabs. */
function blank(text: string, from: number, to: number): boolean {
  return /^[ \t]*$/.test(text.slice(from, to));
}

/**
 * When the rest of the line after `pos` is only whitespace or a comment, the offset just past its
 * line break (or the end of the text); otherwise -1.
 */
function restOfLineEnd(text: string, pos: number): number {
  let i = pos;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) return text.length;
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
    if (text.startsWith('//', i)) {
      const nl = text.indexOf('\n', i);
      return nl === -1 ? text.length : nl + 1;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      if (close === -1 || text.slice(i, close).includes('\n')) return -1;
      i = close + 2;
      continue;
    }
    return -1;
  }
}

/** Start of the comment-only lines directly above `start` (no blank line between), or `start`'s line. */
function commentBlockStart(text: string, start: number, floor: number): number {
  let top = lineStart(text, start);
  while (top > floor) {
    const prev = lineStart(text, top - 1);
    if (prev < floor || !/^[ \t]*(\/\/.*|\/\*.*\*\/[ \t]*)\r?$/.test(text.slice(prev, top - 1))) break;
    top = prev;
  }
  return top;
}

/**
 * Edits that remove `remove` from a comma-separated list (object properties, declarators,
 * pattern properties) and leave valid, tidy code: an item on its own line goes with its line (and
 * the comment lines right above it, and a trailing comment); inline items go with their comma;
 * removing the last item keeps the list's trailing-comma style. `'all'` means every item goes and
 * the caller removes the whole construct. `floor` is where the list's container starts.
 */
export function removeListItems(
  text: string,
  { items, remove, floor }: { items: AstNode[]; remove: Set<AstNode>; floor: number },
): Edit[] | 'all' {
  if (items.every((item) => remove.has(item))) return 'all';
  const edits: Edit[] = [];
  let i = 0;
  while (i < items.length) {
    if (!remove.has(items[i] as AstNode)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && remove.has(items[j + 1] as AstNode)) j++;
    const first = items[i] as AstNode;
    const last = items[j] as AstNode;
    const isTail = j === items.length - 1;
    const comma = commaAfter(text, last.end);
    const prev = i > 0 ? (items[i - 1] as AstNode) : undefined;
    const ls = lineStart(text, first.start);
    const ownLine = ls >= floor && blank(text, ls, first.start) && (prev === undefined || prev.end <= ls);
    const lineEnd = ownLine ? restOfLineEnd(text, comma >= 0 ? comma + 1 : last.end) : -1;
    if (lineEnd >= 0) {
      const from = commentBlockStart(text, first.start, Math.max(floor, prev?.end ?? floor));
      edits.push({ start: from, end: lineEnd, text: '' });
      if (isTail && comma < 0 && prev !== undefined) {
        const prevComma = commaAfter(text, prev.end);
        if (prevComma >= 0) edits.push({ start: prevComma, end: prevComma + 1, text: '' });
      }
    } else if (comma >= 0 && !isTail) {
      let end = comma + 1;
      while (end < text.length && /\s/.test(text[end] as string)) end++;
      edits.push({ start: first.start, end, text: '' });
    } else if (comma >= 0 && prev !== undefined) {
      // `{ a, b, }` without b: `{ a, }`, the trailing comma stays.
      edits.push({ start: commaAfter(text, prev.end) + 1, end: comma + 1, text: '' });
    } else if (prev !== undefined) {
      const prevComma = commaAfter(text, prev.end);
      edits.push({ start: prevComma >= 0 ? prevComma : prev.end, end: last.end, text: '' });
    }
    i = j + 1;
  }
  return edits;
}

/** Statement lists a statement can be deleted from without changing what surrounds it. */
const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'TSModuleBlock']);

/** An edit deleting a statement (with its line when it has the line to itself), or undefined if unsafe. */
export function removeStatement(text: string, stmt: AstNode, parent: AstNode | undefined): Edit | undefined {
  if (parent === undefined || !STATEMENT_LISTS.has(parent.type)) return undefined;
  const ls = lineStart(text, stmt.start);
  const lineEnd = blank(text, ls, stmt.start) ? restOfLineEnd(text, stmt.end) : -1;
  if (lineEnd >= 0) return { start: ls, end: lineEnd, text: '' };
  let end = stmt.end;
  while (text[end] === ' ' || text[end] === '\t') end++;
  return { start: stmt.start, end, text: '' };
}

function isBlankLineAt(text: string, pos: number): number {
  let i = pos;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '\r') i++;
  return text[i] === '\n' ? i + 1 : -1;
}

/**
 * Merges touching removals and, where a removal of whole lines leaves a blank line above and below
 * it, takes one of the two blank lines with it, so deleting statements between paragraphs does
 * not leave a double gap.
 */
export function tidyRemovals(text: string, edits: Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Edit[] = [];
  for (const e of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.text === '' && e.text === '' && last.end === e.start && e.start < e.end)
      last.end = e.end;
    else merged.push({ ...e });
  }
  for (const e of merged) {
    const wholeLines =
      e.text === '' &&
      e.start < e.end &&
      (e.start === 0 || text[e.start - 1] === '\n') &&
      text[e.end - 1] === '\n';
    if (!wholeLines) continue;
    const above = e.start === 0 || isBlankLineAt(text, lineStart(text, e.start - 1)) === e.start;
    const below = isBlankLineAt(text, e.end);
    const free = !merged.some((o) => o !== e && o.start < below && e.end < o.end);
    if (above && below >= 0 && free) e.end = below;
  }
  return merged;
}
