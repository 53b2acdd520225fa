import { parseArgs } from 'node:util';
import {
  formatBaseline,
  formatJson,
  formatPretty,
  formatSarif,
  type SweepOptions,
  sweep,
  sweepHistory,
} from '@keyless/codemod';
import type { Command } from '../Io.js';
import { cliVersion } from './cliVersion.js';
import { colorsFor } from './colorsFor.js';
import { hasHardErrors, runSweep } from './runSweep.js';
import { parseMaxFileBytes, parseShard, parseWorkers } from './sweepArgs.js';
import { writeReport } from './writeReport.js';

const USAGE = `Usage: keyless scan [paths..] [options]

Finds hard-coded and static AWS keys in JS/TS code, the scripts of Vue, Svelte, Astro, HTML and
PHP files, .env, JSON, YAML (CI workflows included), ini, Terraform, Dockerfiles, shell scripts,
Markdown and text notes and Jupyter notebooks (UTF-8, or UTF-16 with a byte order mark).
Paths default to the current directory; several paths or repositories can go in one run. Inside
a git work tree the files come from git (so .gitignore holds); node_modules, build output
(dist, build, .next, coverage...) and .history are skipped. Secrets are never printed.

Options:
  --format <f>              pretty (default), json or sarif (SARIF 2.1.0 for GitHub code scanning)
  -o, --output <file>       write the report to <file> instead of stdout
  --baseline <file>         leave out findings listed in <file> (a baseline, or an earlier JSON report)
  --write-baseline <file>   write every current finding to <file> as the new baseline, then exit 0
  --shard <i/n>             scan only the i-th of n slices of the files (for CI matrices)
  --max-file-bytes <n>      analyse files up to <n> bytes (k/M/G suffixes; default 2M); larger
                            files are scanned by the key patterns only and listed as skipped
  --workers <n>             worker threads (default: one per spare CPU on large trees with 3+ CPUs; 0 = none)
  --history                 scan git history instead of the tree: every file version reachable
                            from any ref, each blob once, each finding with the commit that
                            introduced it (needs a full clone, not a shallow one)
  --since <rev>             with --history: only the commits not reachable from <rev>
  -h, --help                show this help

Silence one finding with a \`keyless-ignore\` comment on its line or the line before.

Exit codes: 0 no findings, 1 findings, 2 usage or I/O error.
`;

const FORMATS = ['pretty', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

interface ScanArgs {
  sweep: Omit<SweepOptions, 'onProgress'>;
  /** `--history`, with `--since` if given. */
  history?: { since?: string };
  format: Format;
  output?: string;
  writeBaseline?: string;
}

function parse(argv: string[], cwd: string): ScanArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      'max-file-bytes': { type: 'string' },
      history: { type: 'boolean' },
      since: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  const format = (values.format ?? 'pretty') as Format;
  if (!FORMATS.includes(format)) {
    throw new TypeError(
      `--format: expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`,
    );
  }
  if (values.since !== undefined && values.history !== true)
    throw new TypeError('--since only applies to --history (e.g. --history --since origin/main)');
  if (values.history === true && (values.shard !== undefined || values.workers !== undefined))
    throw new TypeError(
      `--${values.shard === undefined ? 'workers' : 'shard'} does not apply to --history, which reads the history in one pass`,
    );
  return {
    format,
    ...(values.history === true && { history: values.since === undefined ? {} : { since: values.since } }),
    ...(values.output !== undefined && { output: values.output }),
    ...(values['write-baseline'] !== undefined && { writeBaseline: values['write-baseline'] }),
    sweep: {
      paths: positionals.length > 0 ? positionals : ['.'],
      cwd,
      ...(values.baseline !== undefined && { baseline: values.baseline }),
      ...(values.shard !== undefined && { shard: parseShard(values.shard) }),
      ...(values.workers !== undefined && { workers: parseWorkers(values.workers) }),
      ...(values['max-file-bytes'] !== undefined && {
        maxFileBytes: parseMaxFileBytes(values['max-file-bytes']),
      }),
    },
  };
}

/** `keyless scan`: reports hard-coded AWS keys as pretty text, JSON or SARIF. */
export const runScan: Command = async (argv, io) => {
  let args: ScanArgs | 'help';
  try {
    args = parse(argv, io.cwd);
  } catch (e: unknown) {
    io.stderr.write(
      `keyless scan: ${e instanceof Error ? e.message : String(e)}\nRun \`keyless scan --help\` for the options.\n`,
    );
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const { writeBaseline, history, ...rest } = args;
  const options = writeBaseline === undefined ? rest.sweep : { ...rest.sweep, baseline: undefined };
  const ran = await runSweep(
    (onProgress) =>
      history === undefined
        ? sweep({ ...options, onProgress })
        : sweepHistory({ ...options, ...history, onProgress }),
    io,
  );
  if ('exitCode' in ran) return ran.exitCode;
  const { result } = ran;

  if (writeBaseline !== undefined) {
    if (!(await writeReport(formatBaseline(result), writeBaseline, io))) return 2;
    io.stderr.write(`keyless: wrote ${result.findings.length} finding(s) to the baseline ${writeBaseline}\n`);
    return hasHardErrors(result) ? 2 : 0;
  }

  const { shard } = rest.sweep;
  const version = cliVersion();
  const text =
    rest.format === 'json'
      ? formatJson(result)
      : rest.format === 'sarif'
        ? formatSarif(result, {
            ...(version !== undefined && { toolVersion: version }),
            ...(shard !== undefined && { automationId: `keyless/shard-${shard.index}-of-${shard.count}/` }),
          })
        : formatPretty(result, {
            colors: colorsFor(rest.output === undefined ? io.stdout : undefined, io.env),
          });
  if (!(await writeReport(text, rest.output, io))) return 2;
  if (hasHardErrors(result)) return 2;
  return result.findings.length > 0 ? 1 : 0;
};
