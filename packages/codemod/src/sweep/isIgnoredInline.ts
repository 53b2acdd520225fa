// Our own marker, plus the ones other scanners honour so keyless slots into repos that use them.
const SAME_LINE = /keyless-ignore|gitleaks:allow|trufflehog:ignore|pragma: allowlist secret/;
const LINE_BEFORE = /keyless-ignore|pragma: allowlist nextline secret/;
// The line-before form needs the marker on a comment line of its own: a trailing
// `// keyless-ignore` silences its own line, not the next one too.
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#|<!--|\{\s*\/\*)/;

/**
 * Whether a finding starting on `line` (1-based) is silenced by a marker comment on that line or
 * on a comment line right before it (`// keyless-ignore -- reason`).
 */
export function isIgnoredInline(lines: readonly string[], line: number): boolean {
  const at = lines[line - 1];
  if (at !== undefined && SAME_LINE.test(at)) return true;
  const before = lines[line - 2];
  return before !== undefined && COMMENT_LINE.test(before) && LINE_BEFORE.test(before);
}
