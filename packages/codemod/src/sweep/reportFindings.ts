import { relative, resolve } from 'node:path';
import { redactSecrets } from '@keyless/redact';
import type { Finding } from '../Finding.js';
import type { Analyzer } from './Analyzer.js';
import { codeFrame } from './codeFrame.js';
import { fingerprintFinding } from './fingerprintFinding.js';
import { isIgnoredInline } from './isIgnoredInline.js';
import type { ReportedFinding } from './SweepResult.js';
import { splitLines } from './splitLines.js';
import { toPosixPath } from './toPosixPath.js';

/** Where the findings of one file come from. */
export interface FindingSources {
  /** Text of each file the engine read, by the path it reports (the file and modules it followed). */
  texts: ReadonlyMap<string, string>;
  cwd: string;
  /** Fingerprint paths are relative to this (the git work tree root, or `cwd`). */
  root: string;
  fileKind: Analyzer['fileKind'];
}

function rangeText(lines: readonly string[], f: Finding): string {
  if (f.line === f.endLine) return (lines[f.line - 1] ?? '').slice(f.column - 1, f.endColumn - 1);
  const parts = [(lines[f.line - 1] ?? '').slice(f.column - 1), ...lines.slice(f.line, f.endLine - 1)];
  parts.push((lines[f.endLine - 1] ?? '').slice(0, f.endColumn - 1));
  return parts.join('\n');
}

/**
 * Turns the engine's findings for one file into reported ones: drops those silenced by an inline
 * marker, gives each a fingerprint and a masked code frame, and runs messages through the secret
 * redaction once more in case an engine rule ever puts a value in one.
 */
export function reportFindings(
  findings: readonly Finding[],
  sources: FindingSources,
): { reported: ReportedFinding[]; ignored: number } {
  const reported: ReportedFinding[] = [];
  let ignored = 0;
  const linesOf = new Map<string, string[] | undefined>();
  const occurrences = new Map<string, number>();
  for (const f of findings) {
    if (!linesOf.has(f.file)) {
      const source = sources.texts.get(f.file);
      linesOf.set(f.file, source === undefined ? undefined : splitLines(source));
    }
    const lines = linesOf.get(f.file);
    if (lines !== undefined && isIgnoredInline(lines, f.line)) {
      ignored++;
      continue;
    }
    const text = lines === undefined ? '' : rangeText(lines, f);
    const identity = `${f.ruleId}\0${f.file}\0${f.keyHash ?? f.secretHash ?? text}`;
    const n = occurrences.get(identity) ?? 0;
    occurrences.set(identity, n + 1);
    const stablePath = toPosixPath(relative(sources.root, resolve(sources.cwd, f.file)));
    const out: ReportedFinding = {
      ...f,
      message: redactSecrets(f.message),
      ...(f.suggestion === undefined ? {} : { suggestion: redactSecrets(f.suggestion) }),
      fingerprint: fingerprintFinding(f, { stablePath, sourceText: text, occurrence: n }),
    };
    if (lines !== undefined) {
      const sameFile = findings.filter((g) => g.file === f.file);
      out.frame = codeFrame(f, { lines, fileFindings: sameFile, kind: sources.fileKind(f.file) ?? 'text' });
    }
    reported.push(out);
  }
  return { reported, ignored };
}
