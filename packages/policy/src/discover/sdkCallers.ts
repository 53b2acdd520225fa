import { posix } from 'node:path';
import { importCandidates } from '@keyless/codemod/analysis';

// What a module needs in its text to reach the AWS SDK itself: an `aws-sdk` / `@aws-sdk/…` specifier
// or the script-tag global `AWS` (also what vogels and dynogels hand out). Matching a comment is harmless:
// the file is parsed for nothing.
const MENTIONS_SDK = /aws-sdk|\bAWS\b/;
// A relative module specifier in a string (import, export-from, require, import()).
const RELATIVE_SPECIFIER = /(["'`])(\.\.?\/[^"'`\r\n]*)\1/g;

/**
 * The files that may call the AWS SDK, in the order given: those that name it, and those that
 * import (through any chain of relative imports) one that does, such as a handler using the client
 * an `aws.ts` exports. The rest cannot hold a client, so they are never parsed for calls; they are
 * still parsed, lazily, when a caller follows a value into them (a config module's bucket name).
 * Decided on the text alone, without parsing: the same over-approximation as scan's keyword
 * prefilter, never an under-approximation for a static import.
 */
export function sdkCallers(texts: ReadonlyMap<string, string>): string[] {
  const callers = new Set<string>();
  const importers = new Map<string, string[]>();
  for (const [file, text] of texts) {
    if (MENTIONS_SDK.test(text)) {
      callers.add(file);
      continue;
    }
    for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
      const base = posix.join(posix.dirname(file), match[2] ?? '');
      const target = importCandidates(base).find((path) => texts.has(path));
      if (target === undefined || target === file) continue;
      const list = importers.get(target);
      if (list === undefined) importers.set(target, [file]);
      else list.push(file);
    }
  }
  const queue = [...callers];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const importer of importers.get(next) ?? []) {
      if (callers.has(importer)) continue;
      callers.add(importer);
      queue.push(importer);
    }
  }
  return [...texts.keys()].filter((file) => callers.has(file));
}
