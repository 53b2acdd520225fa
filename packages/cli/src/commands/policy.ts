import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeIoError } from '@keyless/codemod/analysis';
import {
  derivePolicy,
  PLATFORMS,
  type Platform,
  type RenderContext,
  readSources,
  roleName,
} from '@keyless/policy';
import type { Command } from '../Io.js';
import { runCheck } from './policyCheck.js';
import { detectedPlatform, exitCodeOf, listProblems, renderPolicy } from './policyOutput.js';
import { runUnits } from './policyUnits.js';
import { writeReport } from './writeReport.js';

const USAGE = `Usage: keyless policy [paths..] [options]

Derives the least-privilege IAM policy a service needs from its AWS SDK calls (v3 and v2 clients,
commands, paginators, waiters, presigners, lib-storage uploads), mapped through the IAM reference
data and keyless's table of exceptions. Resources come from the code: literals fill in, values read
from the environment become parameters, values computed at run time are reported as underivable
and never granted on "*". Paths default to the current directory.

With --check, compares deployed policies with the code instead: wildcard actions and resources,
resource type mismatches, unknown actions, iam:PassRole on "*", NotAction allows, roles shared by
several services, what is granted but never used by the code and what the code uses but is not
granted. <file> is an IAM policy JSON, a CloudFormation/SAM template (JSON or YAML) or
\`terraform show -json\` of a plan or the state.

Options:
  --format <f>              iam (default: the IAM policy JSON), json (policy, underivable,
                            parameters and every requirement with its file and line), terraform
                            or cloudformation (the role with its trust policy and this policy);
                            with --check: pretty (default), json or sarif
  --recorded <file>         merge the calls recorded at run time (JSONL from
                            @keyless/policy/recorder) with the code's (repeatable)
  --workspaces              one policy per workspace package (package.json "workspaces")
  --entry <glob>            one policy per matching file, with the files it imports (repeatable);
                            with either, IAM/JSON output is one object keyed by unit, and
                            terraform/cloudformation write one file per unit under -o <dir>
  --check <file>            check a deployed policy, template or plan against the code (repeatable)
  --role <name>             with --check, the role the code runs as, when the files define several
  --platform <p>            ec2, ecs, lambda, eks-pod-identity or irsa: who may assume the role
                            (default: detected from serverless/SAM/CDK, Kubernetes manifests,
                            ECS task definitions; else ec2)
  --name <role>             role name for terraform/cloudformation (default: the package name)
  --env <NAME=VALUE>        fill the parameter read from env var NAME (repeatable)
  --account <id>            12-digit account id for the ARNs (default: \${Account})
  --region <region>         region for the ARNs (default: \${Region})
  --partition <p>           partition for the ARNs (default: \${Partition})
  -o, --output <file>       write the policy to <file> instead of stdout
  -h, --help                show this help

Exit codes: 0 policy complete (with --check: no findings), 1 something underivable or not
followed (listed on stderr; with --check: findings), 2 usage or I/O error, or a file that does
not parse.
`;

const FORMATS = ['iam', 'json', 'terraform', 'cloudformation'] as const;
type Format = (typeof FORMATS)[number];
const CHECK_FORMATS = ['pretty', 'json', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];
const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

interface PolicyArgs {
  paths: string[];
  format: Format;
  /** `--workspaces` or the `--entry` globs: one policy per deploy unit. */
  units?: 'workspaces' | string[];
  /** `--recorded` JSONL files. */
  recorded: string[];
  /** `--check` files and `--format` for them. */
  check?: { files: string[]; format: CheckFormat; role?: string };
  output?: string;
  render: RenderContext;
  platform?: Platform;
  name?: string;
}

function parse(argv: string[]): PolicyArgs | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o' },
      env: { type: 'string', multiple: true },
      account: { type: 'string' },
      region: { type: 'string' },
      partition: { type: 'string' },
      platform: { type: 'string' },
      name: { type: 'string' },
      check: { type: 'string', multiple: true },
      recorded: { type: 'string', multiple: true },
      workspaces: { type: 'boolean' },
      entry: { type: 'string', multiple: true },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) return 'help';
  const checking = values.check !== undefined;
  const formats: readonly string[] = checking ? CHECK_FORMATS : FORMATS;
  const format = values.format ?? (checking ? 'pretty' : 'iam');
  if (!formats.includes(format))
    throw new TypeError(
      `--format: expected one of ${formats.join(', ')}${checking ? ' with --check' : ''}, got ${JSON.stringify(values.format)}`,
    );
  if (values.role !== undefined && !checking) throw new TypeError('--role: only with --check');
  const units = values.workspaces === true ? 'workspaces' : values.entry;
  if (values.workspaces === true && values.entry !== undefined)
    throw new TypeError('--workspaces and --entry: choose one');
  if (units !== undefined && (checking || values.recorded !== undefined || values.name !== undefined))
    throw new TypeError(
      `--${values.workspaces === true ? 'workspaces' : 'entry'}: not with --check, --recorded or --name (they are about one service)`,
    );
  if (values.account !== undefined && !/^\d{12}$/.test(values.account))
    throw new TypeError(`--account: expected a 12-digit account id, got ${JSON.stringify(values.account)}`);
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region))
    throw new TypeError(
      `--region: expected a region such as eu-west-1, got ${JSON.stringify(values.region)}`,
    );
  if (values.partition !== undefined && !PARTITIONS.includes(values.partition))
    throw new TypeError(
      `--partition: expected one of ${PARTITIONS.join(', ')}, got ${JSON.stringify(values.partition)}`,
    );
  const platform = values.platform as Platform | undefined;
  if (platform !== undefined && !PLATFORMS.includes(platform))
    throw new TypeError(
      `--platform: expected one of ${PLATFORMS.join(', ')}, got ${JSON.stringify(values.platform)}`,
    );
  if (values.name !== undefined && !/^[\w+=,.@-]{1,64}$/.test(values.name))
    throw new TypeError(
      `--name: expected an IAM role name (up to 64 of A-Z a-z 0-9 +=,.@_-), got ${JSON.stringify(values.name)}`,
    );
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(pair);
    if (m === null || m[1] === undefined || m[2] === undefined || m[2] === '')
      throw new TypeError(`--env: expected NAME=VALUE, got ${JSON.stringify(pair)}`);
    env[m[1]] = m[2];
  }
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format: (checking ? 'json' : format) as Format,
    recorded: values.recorded ?? [],
    ...(units !== undefined && { units }),
    ...(values.check !== undefined && {
      check: {
        files: values.check,
        format: format as CheckFormat,
        ...(values.role !== undefined && { role: values.role }),
      },
    }),
    ...(values.output !== undefined && { output: values.output }),
    ...(platform !== undefined && { platform }),
    ...(values.name !== undefined && { name: values.name }),
    render: {
      env,
      ...(values.account !== undefined && { account: values.account }),
      ...(values.region !== undefined && { region: values.region }),
      ...(values.partition !== undefined && { partition: values.partition }),
    },
  };
}

/** `keyless policy`: the IAM policy a service's code needs, as IAM JSON or the JSON report. */
export const runPolicy: Command = async (argv, io) => {
  let args: PolicyArgs | 'help';
  try {
    args = parse(argv);
  } catch (e: unknown) {
    io.stderr.write(
      `keyless policy: ${e instanceof Error ? e.message : String(e)}\nRun \`keyless policy --help\` for the options.\n`,
    );
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.units !== undefined)
    return runUnits(
      {
        units: args.units,
        paths: args.paths,
        format: args.format,
        render: args.render,
        ...(args.platform !== undefined && { platform: args.platform }),
        ...(args.output !== undefined && { output: args.output }),
      },
      io,
    );
  const recorded: { file: string; text: string }[] = [];
  for (const file of args.recorded) {
    try {
      recorded.push({ file, text: await readFile(resolve(io.cwd, file), 'utf8') });
    } catch (e: unknown) {
      io.stderr.write(`keyless policy: cannot read ${file}: ${describeIoError(e)}\n`);
      return 2;
    }
  }
  const sources = await readSources(args.paths, io.cwd);
  const derivation = await derivePolicy({ sources, cwd: io.cwd, recorded });
  if (derivation.coveredByRecords.length > 0)
    io.stderr.write(
      `keyless: ${derivation.coveredByRecords.length} resource(s) the code computes are granted from the recorded calls (${[...new Set(derivation.coveredByRecords.map((u) => u.action))].join(', ')})\n`,
    );
  if (args.check !== undefined) {
    listProblems(io, derivation);
    const code = await runCheck({ ...args.check, derivation, render: args.render, output: args.output }, io);
    return code === 0 && derivation.problems.some((p) => p.kind === 'io') ? 2 : code;
  }
  let text: string;
  try {
    const role =
      args.format === 'terraform' || args.format === 'cloudformation'
        ? {
            name: args.name ?? (await packageName(io.cwd)),
            platform: args.platform ?? (await detectedPlatform(args.paths, io)),
          }
        : undefined;
    text = renderPolicy(args.format, derivation, args.render, role);
  } catch (e: unknown) {
    if (!(e instanceof TypeError)) throw e;
    io.stderr.write(`keyless policy: ${e.message}\n`);
    return 2;
  }
  listProblems(io, derivation);
  if (!(await writeReport(text, args.output, io))) return 2;
  return exitCodeOf(derivation);
};

/** The role name: the package.json name of the working directory without its scope, else its folder name. */
async function packageName(cwd: string): Promise<string> {
  try {
    const { name } = JSON.parse(await readFile(join(cwd, 'package.json'), 'utf8')) as { name?: string };
    return roleName(name ?? basename(cwd));
  } catch {
    return roleName(basename(cwd));
  }
}
