/** How long and how big each figure runs: `quick` for CI (under 3 minutes), `full` for the committed results. */
export interface Profile {
  name: 'quick' | 'full';

  warmCall: { rounds: number; timeMs: number; warmupMs: number };
  /** Figure 2: credential lifetime, SDK refreshes the stream should span, call spacing. */
  stream: { lifetimeMs: number; sdkRefreshes: number; intervalMs: number };
  /** Figure 3: concurrent cold callers and clients. */
  cold: { callers: number; clients: number };
  /** Figure 4: cold processes per subject. */
  offEc2: { runs: number };
  /** Figure 5: credential lifetime and call spacing (the outage lasts 1.5 lifetimes). */
  outage: { lifetimeMs: number; intervalMs: number };
  /**
   * Figure 6: files from node_modules (0 = all), generated AWS-heavy files, timed runs per tool, and
   * whether the informational tool (aws-sdk-js-codemod) runs too.
   */
  /** Figure 8: providers of distinct configurations called at once. */
  manyConfigs: { configs: number };
  codemod: {
    nodeModulesFiles: number;
    generatedFiles: number;
    runs: number;
    slowRuns: number;
    allTools: boolean;
  };
  /**
   * Figure 7: the corpus (built like figure 6's: files from node_modules, generated files), commits
   * of the history built over it, files each commit edits, how often a commit adds a key (deleted
   * three commits later), timed runs per tool.
   */
  history: {
    nodeModulesFiles: number;
    generatedFiles: number;
    commits: number;
    editsPerCommit: number;
    leakEvery: number;
    runs: number;
  };
}

export const QUICK: Profile = {
  name: 'quick',
  warmCall: { rounds: 5, timeMs: 150, warmupMs: 50 },
  stream: { lifetimeMs: 3000, sdkRefreshes: 4, intervalMs: 10 },
  cold: { callers: 1000, clients: 10 },
  offEc2: { runs: 1 },
  outage: { lifetimeMs: 3000, intervalMs: 20 },
  manyConfigs: { configs: 1000 },
  codemod: { nodeModulesFiles: 300, generatedFiles: 60, runs: 3, slowRuns: 1, allTools: false },
  // Larger than figure 6's quick corpus: on a few hundred files a run is mostly process start-up.
  history: {
    nodeModulesFiles: 1000,
    generatedFiles: 100,
    commits: 150,
    editsPerCommit: 3,
    leakEvery: 10,
    runs: 3,
  },
};

export const FULL: Profile = {
  name: 'full',
  warmCall: { rounds: 7, timeMs: 1000, warmupMs: 200 },
  stream: { lifetimeMs: 4000, sdkRefreshes: 10, intervalMs: 10 },
  cold: { callers: 1000, clients: 10 },
  offEc2: { runs: 3 },
  outage: { lifetimeMs: 8000, intervalMs: 10 },
  manyConfigs: { configs: 10_000 },
  codemod: { nodeModulesFiles: 3000, generatedFiles: 500, runs: 5, slowRuns: 2, allTools: true },
  history: {
    nodeModulesFiles: 3000,
    generatedFiles: 500,
    commits: 300,
    editsPerCommit: 3,
    leakEvery: 10,
    runs: 5,
  },
};
