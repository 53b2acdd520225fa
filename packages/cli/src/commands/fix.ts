import { parseArgs } from 'node:util';
import { formatFix, type SweepOptions, sweep } from '@keyless/codemod';
import type { Command } from '../Io.js';
import { colorsFor } from './colorsFor.js';
import { formatRolePolicy } from './rolePolicy.js';
import { hasHardErrors, runSweep } from './runSweep.js';
import { parseMaxFileBytes, parseWorkers } from './sweepArgs.js';

const USAGE = `Usage: keyless fix [paths..] [options]

Rewrites the shapes of hard-coded and static AWS keys that are provably safe to change so the
code gets credentials from the instance role, and reports the rest with a suggested fix. Every
rewritten file is re-parsed first and written atomically. Ends with a rotation list: every
leaked access key id (masked) to deactivate, since git history keeps them
(\`keyless scan --history\` finds the ones deleted earlier); then the commands that give the
policy of the role that replaces the keys (\`keyless policy\`).

Options:
  --dry-run            print a unified diff (secrets masked) and write nothing
  --target <t>         keyless (default): fromInstanceRole() / the @keyless/shims v2 adapter;
                       sdk-default: only remove the keys so the SDK's default chain applies
  --allow-dirty        write into git work trees that have uncommitted changes
  --workers <n>        worker threads (default: one per spare CPU on large trees with 3+ CPUs; 0 = none)
  --max-file-bytes <n> analyse (and rewrite) files up to <n> bytes (k/M/G suffixes; default 2M);
                       larger files are scanned by the key patterns only and never rewritten
  -h, --help           show this help

Without --allow-dirty, fix refuses to write into a git work tree with uncommitted changes to
tracked files, so its changes can be reviewed and reverted on their own; an untracked file that
needs a rewrite is left alone and listed, since git could not restore it.

Exit codes: 0 nothing left to change by hand, 1 findings remain (report-only shapes, or any
finding under --dry-run), 2 usage or I/O error, or a dirty work tree.
`;

const TARGETS = ['keyless', 'sdk-default'] as const;

function parse(
  argv: string[],
  cwd: string,
): { sweep: Omit<SweepOptions, 'onProgress'>; dryRun: boolean } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      'dry-run': { type: 'boolean' },
      target: { type: 'string' },
      'allow-dirty': { type: 'boolean' },
      workers: { type: 'string' },
      'max-file-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  const target = values.target ?? 'keyless';
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new TypeError(`--target: expected one of ${TARGETS.join(', ')}, got ${JSON.stringify(target)}`);
  }
  const dryRun = values['dry-run'] === true;
  return {
    dryRun,
    sweep: {
      paths: positionals.length > 0 ? positionals : ['.'],
      cwd,
      fix: true,
      dryRun,
      target: target as (typeof TARGETS)[number],
      allowDirty: values['allow-dirty'] === true,
      ...(values.workers !== undefined && { workers: parseWorkers(values.workers) }),
      ...(values['max-file-bytes'] !== undefined && {
        maxFileBytes: parseMaxFileBytes(values['max-file-bytes']),
      }),
    },
  };
}

/** `keyless fix`: rewrites the safe shapes, reports the rest, and lists the keys to rotate. */
export const runFix: Command = async (argv, io) => {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv, io.cwd);
  } catch (e: unknown) {
    io.stderr.write(
      `keyless fix: ${e instanceof Error ? e.message : String(e)}\nRun \`keyless fix --help\` for the options.\n`,
    );
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  const ran = await runSweep((onProgress) => sweep({ ...args.sweep, onProgress }), io);
  if ('exitCode' in ran) return ran.exitCode;
  const { result } = ran;
  const colors = colorsFor(io.stdout, io.env);
  io.stdout.write(formatFix(result, { dryRun: args.dryRun, colors }));
  // The keys are half the migration; the role that replaces them is the other half.
  if (result.findings.length > 0 || result.changed.length > 0)
    io.stdout.write(formatRolePolicy(args.sweep.paths, colors));
  if (hasHardErrors(result)) return 2;
  const left = args.dryRun ? result.findings : result.findings.filter((f) => f.fixed !== true);
  return left.length > 0 ? 1 : 0;
};
