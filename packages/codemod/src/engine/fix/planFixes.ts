import type { Binding } from '../scope/analyzeScopes.js';
import type { Judgement } from '../sites/judgeSite.js';
import type { Site } from '../sites/Site.js';
import { deleteDeadConstants } from './deleteDeadConstants.js';
import type { FixInput } from './FixInput.js';
import { importEdit, importState } from './importPlan.js';
import { type Edit, tidyRemovals } from './listEdits.js';
import { type Needed, siteEdits } from './siteEdits.js';

/** A reported site and, once planned, why it could not be fixed. */
export interface PlannedSite {
  site: Site;
  judgement: Judgement;
  blocker?: string | undefined;
}

function overlaps(edits: Edit[], accepted: Edit[]): boolean {
  return edits.some((a) => accepted.some((b) => a.start < b.end && b.start < a.end));
}

/** The constants whose text still holds a key unless the fix deletes them. */
function keyBindings(site: Site): Binding[] {
  const literal = site.values.flatMap((v) => v.sources).filter((s) => s.kind === 'literal' && s.real);
  return [
    ...literal.flatMap((s) => (s.kind === 'literal' ? s.bindings : [])),
    ...(literal.length > 0 ? site.holders : []),
  ];
}

/** A site whose own rewrite was fine but left a key constant alive, with that rewrite. */
interface Deferred {
  item: PlannedSite;
  edits: Edit[];
  needs: Needed | undefined;
  kept: Binding;
}

/**
 * Sites that share key constants (`const KEY = 'AKIA…'` read by two clients) are refused one at
 * a time, since each leaves the constant alive for the other. Taken together their rewrites may
 * make every such constant dead: accept the largest group for which that holds (dropping the
 * sites whose constants something else still reads, until nothing changes).
 */
function acceptTogether({ text, scopes }: FixInput, accepted: Edit[], deferred: Deferred[]): Deferred[] {
  let group = deferred.filter(
    (d, i) => !deferred.some((o, j) => j < i && overlaps(d.edits, o.edits)) && !overlaps(d.edits, accepted),
  );
  for (;;) {
    if (group.length < 2) return [];
    const { deleted } = deleteDeadConstants(text, scopes, [...accepted, ...group.flatMap((d) => d.edits)]);
    const kept = group.filter((d) => keyBindings(d.item.site).some((b) => !deleted.has(b)));
    if (kept.length === 0) return group;
    group = group.filter((d) => !kept.includes(d));
  }
}

/**
 * Plans every rewrite for one file. Sites are taken in source order; one is accepted only if its
 * edits overlap nothing already accepted, its import name is free (or already ours), and every
 * constant that held its key becomes dead and is deleted with it (a key left behind in a constant
 * read elsewhere is not a fix); sites that share their constants only with each other are accepted
 * together. Sets `blocker` on the sites it had to refuse; returns all edits, including
 * dead-constant deletions and the one import insertion.
 */
export function planFixes(input: FixInput, planned: PlannedSite[]): Edit[] {
  const { text, scopes } = input;
  const state: Record<Needed, ReturnType<typeof importState>> = {
    fromInstanceRole: importState('fromInstanceRole', scopes),
    InstanceRoleCredentials: importState('InstanceRoleCredentials', scopes),
  };
  let accepted: Edit[] = [];
  const needs = new Set<Needed>();
  const deferred: Deferred[] = [];
  for (const item of planned) {
    if (item.blocker !== undefined) continue;
    const result = siteEdits(input, item.site);
    if ('reason' in result) {
      item.blocker = result.reason;
      continue;
    }
    if (result.needs !== undefined && state[result.needs] === 'taken') {
      item.blocker = `The name ${result.needs} already means something else in this file; rename it and run fix again`;
      continue;
    }
    if (overlaps(result.edits, accepted)) {
      item.blocker =
        'This rewrite overlaps another one in the same expression; run fix again after this pass';
      continue;
    }
    const trial = [...accepted, ...result.edits];
    const { deleted } = deleteDeadConstants(text, scopes, trial);
    const kept = keyBindings(item.site).find((b) => !deleted.has(b));
    if (kept !== undefined) {
      deferred.push({ item, edits: result.edits, needs: result.needs, kept });
      continue;
    }
    accepted = trial;
    if (result.needs !== undefined) needs.add(result.needs);
  }
  const together = acceptTogether(input, accepted, deferred);
  for (const d of deferred) {
    if (together.includes(d)) {
      accepted = [...accepted, ...d.edits];
      if (d.needs !== undefined) needs.add(d.needs);
    } else {
      d.item.blocker = `The constant '${d.kept.name}' that holds the key is also used elsewhere or exported; remove those uses, then run fix again`;
    }
  }
  if (accepted.length === 0) return [];
  const edits = tidyRemovals(text, [...accepted, ...deleteDeadConstants(text, scopes, accepted).edits]);
  const names = [...needs].filter((n) => state[n] === 'free').sort();
  const first = Math.min(...edits.map((e) => e.start));
  const insert = importEdit(input, names, first);
  return insert === undefined ? edits : [...edits, insert];
}
