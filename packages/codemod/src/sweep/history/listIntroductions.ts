import { gitRecords } from '../gitWorkTree.js';
import type { HistoryRepository } from './openRepository.js';

/** A file version as one commit brought it in: `blob` at `path` in `commit`. */
export interface Introduction {
  /** Full commit id. */
  commit: string;
  /** Author date, ISO 8601 with the author's offset. */
  date: string;
  /** `/`-separated, from the repository root. */
  path: string;
  /** Blob id of the file's content. */
  blob: string;
}

const HEADER = 'commit ';
// Regular files only: symlinks (120000) hold a path, submodules (160000) a commit of another repo.
const FILE_MODES = new Set(['100644', '100755']);

/**
 * Every file version added or changed by any commit reachable from any ref (and not from
 * `since`), oldest first (`--date-order --reverse`: parents before children), so the first time a
 * blob shows up at a path is the earliest commit whose tree holds it there. Merges are diffed
 * against each parent (`-m`), so content written while resolving a conflict is seen too, and root
 * commits against the empty tree. `onCommit` hears of each commit read, changes or not. `-z`
 * keeps paths unquoted, whatever their characters; the `-c` settings keep a user's config (quoted
 * paths, signatures) and `--no-relative` its `diff.relative` out of the output.
 */
export async function* listIntroductions(
  repo: HistoryRepository,
  onCommit: (commit: string) => void,
): AsyncGenerator<Introduction> {
  const args = [
    '-c',
    'core.quotePath=false',
    '-c',
    'log.showSignature=false',
    '--literal-pathspecs',
    'log',
    '--all',
    ...(repo.since === undefined ? [] : [`^${repo.since}`]),
    '--date-order',
    '--reverse',
    '--root',
    '-m',
    '--raw',
    '--no-renames',
    '--no-relative',
    '--no-abbrev',
    '-z',
    `--format=${HEADER}%H %aI`,
    '--',
    ...repo.pathspecs,
  ];
  let commit = '';
  let date = '';
  let pending: { mode: string; blob: string } | undefined;
  for await (const record of gitRecords(repo.root, args)) {
    if (pending !== undefined) {
      // The record after a raw line is its path, whatever it looks like.
      if (FILE_MODES.has(pending.mode)) yield { commit, date, path: record, blob: pending.blob };
      pending = undefined;
      continue;
    }
    const line = record.startsWith('\n') ? record.slice(1) : record;
    if (line.startsWith(':')) {
      // `:old-mode new-mode old-blob new-blob status`; a deletion's new mode is 000000. Not
      // `--diff-filter`: it would drop commits that only delete from the count of commits read.
      const [, mode = '', , blob = ''] = line.slice(1).split(' ');
      pending = { mode, blob };
    } else if (line.startsWith(HEADER)) {
      [commit = '', date = ''] = line.slice(HEADER.length).split(' ');
      onCommit(commit);
    }
  }
}
