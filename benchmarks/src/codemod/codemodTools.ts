import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_KEYWORDS } from '@keyless/codemod/analysis';
import type { RowKind } from '../report/Figure.js';
import { CODE_EXTENSIONS } from './buildCorpus.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** The built `keyless` command. */
export const KEYLESS_BIN = join(packageDir('keyless'), 'dist', 'bin.js');
const JSCODESHIFT_BIN = join(packageDir('jscodeshift'), 'bin', 'jscodeshift.js');
const AWS_CODEMOD_BIN = join(packageDir('aws-sdk-js-codemod'), 'bin', 'aws-sdk-js-codemod');
const KEY_TRANSFORM = fileURLToPath(new URL('./keyTransform.cjs', import.meta.url));
const READ_ALL = fileURLToPath(new URL('./readAll.mjs', import.meta.url));
const EXTENSIONS = `--extensions=${CODE_EXTENSIONS.join(',')}`;

/** What a tool's own output says about a run. */
export interface ToolReport {
  /** Files the tool says it handled. */
  files: number | null;
  /** Files it could not parse, by extension. */
  parseFailures: Record<string, number>;
  workers: number | null;
}

/** One command of figure 6. `slow` tools get fewer timed runs. */
export interface CodemodTool {
  id: string;
  label: string;
  kind: RowKind;
  slow: boolean;
  /** Informational tools run only when the profile asks for all of them. */
  informational?: boolean;
  /** Arguments after `node`; `report` is a file the tool may write its report to. */
  args: (corpusDir: string, report: string) => string[];
  /** Reads the run's output; `undefined` when the tool reports nothing useful. */
  read?: (stdout: string, report: string) => Promise<ToolReport>;
}

function byExtension(paths: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const path of paths) {
    const ext = extname(path).slice(1);
    counts[ext] = (counts[ext] ?? 0) + 1;
  }
  return counts;
}

/** jscodeshift's runner (also aws-sdk-js-codemod's) prints ` ERR <file> ...` lines and a results block. */
async function readJscodeshift(stdout: string): Promise<ToolReport> {
  const text = await readFile(stdout, 'utf8');
  const count = (word: string) => Number(new RegExp(`^(\\d+) ${word}$`, 'm').exec(text)?.[1] ?? Number.NaN);
  const total = count('errors') + count('unmodified') + count('skipped') + count('ok');
  const failed = [...text.matchAll(/^ ERR (\S+) Transformation error/gm)].map((m) => m[1] ?? '');
  const workers = /Spawning (\d+) workers/.exec(text)?.[1];
  return {
    files: Number.isNaN(total) ? null : total,
    parseFailures: byExtension(failed),
    workers: workers === undefined ? null : Number(workers),
  };
}

/** keyless's JSON report: `summary` and `errors` with `kind: 'parse'`. */
async function readKeylessJson(_stdout: string, report: string): Promise<ToolReport> {
  const json = JSON.parse(await readFile(report, 'utf8')) as {
    summary: { files: number; workers: number };
    errors: Array<{ file: string; kind: string }>;
    skipped: Array<{ reason: string }>;
  };
  return {
    // Files over the size limit are in `files` (scanned by the key patterns); unread ones are not.
    files: json.summary.files + json.skipped.filter((s) => s.reason === 'not-read').length,
    parseFailures: byExtension(json.errors.filter((e) => e.kind === 'parse').map((e) => e.file)),
    workers: json.summary.workers,
  };
}

const jscodeshift = (options: string[]) => (corpus: string) => [
  JSCODESHIFT_BIN,
  '--dry',
  '--no-babel',
  `--transform=${KEY_TRANSFORM}`,
  EXTENSIONS,
  ...options,
  corpus,
];

/** Every command of figure 6, the floor first, then the baselines, then keyless. */
export const CODEMOD_TOOLS: readonly CodemodTool[] = [
  {
    id: 'floor',
    label: 'floor: read every file (one Node process)',
    kind: 'floor',
    slow: false,
    args: (c) => [READ_ALL, c],
  },
  {
    id: 'jscodeshift-scan',
    label: 'jscodeshift, same search (--dry)',
    kind: 'baseline',
    slow: true,
    args: jscodeshift([]),
    read: readJscodeshift,
  },
  {
    id: 'jscodeshift-fix',
    label: 'jscodeshift, same search and rewrite (--dry)',
    kind: 'baseline',
    slow: true,
    args: jscodeshift(['--fix=true']),
    read: readJscodeshift,
  },
  {
    id: 'jscodeshift-prefiltered',
    label: "jscodeshift, same search behind keyless's keyword prefilter",
    kind: 'baseline',
    // Not fast here: node_modules holds the AWS SDK, whose files mostly pass the prefilter.
    slow: true,
    args: jscodeshift([`--prefilter=${CODE_KEYWORDS.source}`]),
    read: readJscodeshift,
  },
  {
    id: 'aws-sdk-js-codemod',
    label: 'aws-sdk-js-codemod -t v2-to-v3 --dry',
    kind: 'baseline',
    slow: true,
    informational: true,
    args: (c) => [AWS_CODEMOD_BIN, '--dry', '-t', 'v2-to-v3', EXTENSIONS, c],
    read: readJscodeshift,
  },
  {
    id: 'keyless-scan',
    label: 'keyless scan --format json',
    kind: 'keyless',
    slow: false,
    args: (c, report) => [KEYLESS_BIN, 'scan', c, '--format', 'json', '--output', report],
    read: readKeylessJson,
  },
  {
    id: 'keyless-fix',
    label: 'keyless fix --dry-run',
    kind: 'keyless',
    slow: false,
    args: (c) => [KEYLESS_BIN, 'fix', '--dry-run', c],
  },
  {
    id: 'keyless-policy',
    label: 'keyless policy --format json',
    kind: 'keyless',
    slow: false,
    args: (c, report) => [KEYLESS_BIN, 'policy', c, '--format', 'json', '--output', report],
  },
];
