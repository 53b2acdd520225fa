import { mkdir } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  type DeployUnit,
  type Derivation,
  derivationOf,
  derivePolicy,
  importClosure,
  type Platform,
  type RenderContext,
  readSources,
  roleName,
  workspaceUnits,
} from '@keyless/policy';
import picomatch from 'picomatch';
import type { Io } from '../Io.js';
import {
  detectedPlatform,
  exitCodeOf,
  listProblems,
  type PolicyFormat,
  renderPolicy,
} from './policyOutput.js';
import { writeReport } from './writeReport.js';

export interface UnitsArgs {
  /** `--workspaces`, or the `--entry` globs. */
  units: 'workspaces' | string[];
  paths: string[];
  format: PolicyFormat;
  render: RenderContext;
  platform?: Platform;
  output?: string;
}

/** Each `--entry` file as a unit of the files it reaches; names from the file, made unique by their directories. */
function entryUnits(files: string[]): DeployUnit[] {
  const names = files.map((f) => roleName(basename(f)));
  return files.map((f, i) => ({
    name:
      names.filter((n) => n === names[i]).length > 1
        ? roleName(f.replace(/\//g, '-'))
        : (names[i] ?? 'service'),
    path: f,
  }));
}

/**
 * `keyless policy --workspaces` / `--entry <glob>`: one role per deploy unit. IAM and JSON output
 * is one object keyed by unit; Terraform and CloudFormation need `-o DIR` and get one module
 * (`DIR/<unit>/main.tf`) or template (`DIR/<unit>.template.json`) per unit, so no two roles share
 * a file's data sources. Units without AWS calls need no role and are said so on stderr.
 */
export async function runUnits(args: UnitsArgs, io: Io): Promise<number> {
  const perFile = args.format === 'terraform' || args.format === 'cloudformation';
  if (perFile && args.output === undefined) {
    io.stderr.write(
      `keyless policy: --format ${args.format} with several units writes one file each: give a directory with -o\n`,
    );
    return 2;
  }
  let units: { unit: DeployUnit; derivation: Derivation; deployPaths: string[] }[];
  try {
    units =
      args.units === 'workspaces'
        ? await workspaceDerivations(io)
        : await entryDerivations(args.paths, args.units, io);
  } catch (e: unknown) {
    if (!(e instanceof TypeError)) throw e;
    io.stderr.write(`keyless policy: ${e.message}\n`);
    return 2;
  }
  let code = 0;
  const documents: Record<string, unknown> = {};
  for (const { unit, derivation, deployPaths } of units) {
    listProblems(io, derivation, unit.name);
    code = Math.max(code, exitCodeOf(derivation));
    if (derivation.calls.length === 0) {
      io.stderr.write(`keyless: ${unit.name} (${unit.path}) makes no AWS SDK calls: no role needed\n`);
      continue;
    }
    try {
      if (!perFile) {
        documents[unit.name] = JSON.parse(renderPolicy(args.format, derivation, args.render));
        continue;
      }
      const platform = args.platform ?? (await detectedPlatform(deployPaths, io, unit.name));
      const text = renderPolicy(args.format, derivation, args.render, { name: unit.name, platform });
      const file = join(
        args.output ?? '.',
        args.format === 'terraform' ? join(unit.name, 'main.tf') : `${unit.name}.template.json`,
      );
      await mkdir(dirname(resolve(io.cwd, file)), { recursive: true });
      if (!(await writeReport(text, file, io))) return 2;
      io.stderr.write(`keyless: wrote ${file}\n`);
    } catch (e: unknown) {
      if (!(e instanceof TypeError)) throw e;
      io.stderr.write(`keyless policy: ${e.message}\n`);
      return 2;
    }
  }
  if (!perFile && !(await writeReport(`${JSON.stringify(documents, null, 2)}\n`, args.output, io))) return 2;
  return code;
}

async function workspaceDerivations(io: Io) {
  const out = [];
  for (const unit of await workspaceUnits(io.cwd)) {
    const derivation = await derivePolicy({ sources: await readSources([unit.path], io.cwd), cwd: io.cwd });
    out.push({ unit, derivation, deployPaths: [unit.path] });
  }
  return out;
}

async function entryDerivations(paths: string[], globs: string[], io: Io) {
  const sources = await readSources(paths, io.cwd);
  const isEntry = picomatch(globs);
  const entries = sources
    .map((s) => s.file)
    .filter((f) => isEntry(f))
    .sort();
  if (entries.length === 0)
    throw new TypeError(`--entry: no code file under ${paths.join(', ')} matches ${globs.join(', ')}`);
  const closures = importClosure(sources, entries, io.cwd);
  const all = await derivePolicy({ sources, cwd: io.cwd });
  const reached = new Set([...closures.values()].flatMap((s) => [...s]));
  // What no entry reaches is in no unit's policy, but its problems still count.
  const orphans = derivationOf(all, new Set(all.problems.map((p) => p.file).filter((f) => !reached.has(f))));
  listProblems(io, orphans);
  return entryUnits(entries).map((unit) => ({
    unit,
    derivation: derivationOf(all, closures.get(unit.path) ?? new Set()),
    deployPaths: paths,
  }));
}
