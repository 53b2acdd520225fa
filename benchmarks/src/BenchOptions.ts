import { FULL, type Profile, QUICK } from './Profile.js';

/** The figures, by id, in the order a run makes them. */
export const FIGURE_IDS = [
  'warm-call',
  'caller-waits',
  'metadata-requests',
  'off-ec2',
  'outage',
  'codemod',
  'history',
  'many-configs',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export interface BenchOptions {
  profile: Profile;
  /** Only these figures (for working on one); the gate then checks only their ratios. */
  only: ReadonlySet<FigureId> | undefined;
}

export const USAGE = `Usage: npm run bench [-- --quick] [-- --only=<figure,...>]

  --quick         the CI mode: smaller runs, under 3 minutes; results go to benchmarks/results/quick/
  --only=<ids>    run only these figures (${FIGURE_IDS.join(', ')}); results are not written
  -h, --help      show this help

Exits 1 when a ratio crosses its limit in benchmarks/thresholds.json, 2 on a usage error.`;

/** Parses the arguments after `npm run bench --`; throws a TypeError on anything unknown. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  let profile = FULL;
  let only: Set<FigureId> | undefined;
  for (const arg of argv) {
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--quick') profile = QUICK;
    else if (arg.startsWith('--only=')) {
      const ids = arg.slice('--only='.length).split(',');
      const bad = ids.filter((id) => !(FIGURE_IDS as readonly string[]).includes(id));
      if (bad.length > 0)
        throw new TypeError(`unknown figure ${bad.join(', ')}; known: ${FIGURE_IDS.join(', ')}`);
      only = new Set(ids as FigureId[]);
    } else throw new TypeError(`unknown argument ${JSON.stringify(arg)}`);
  }
  return { profile, only };
}
