import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeIoError } from '@keyless/codemod/analysis';
import {
  checkPolicy,
  type Deployed,
  DeployedFileError,
  type Derivation,
  formatCheckJson,
  formatCheckPretty,
  formatCheckSarif,
  parseDeployed,
  type RenderContext,
} from '@keyless/policy';
import type { Io } from '../Io.js';
import { cliVersion } from './cliVersion.js';
import { colorsFor } from './colorsFor.js';
import type { CheckFormat } from './policy.js';
import { writeReport } from './writeReport.js';

export interface CheckArgs {
  files: string[];
  format: CheckFormat;
  role?: string;
  derivation: Derivation;
  render: RenderContext;
  output: string | undefined;
}

/**
 * `keyless policy --check`: reads each deployed policy, template or plan, checks it against the
 * code's derivation and prints the report. 0 clean, 1 findings, 2 a file that cannot be read or
 * parsed (with file and line) or a role that cannot be chosen.
 */
export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const deployed: Deployed[] = [];
  for (const file of args.files) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (e: unknown) {
      io.stderr.write(`keyless policy: cannot read ${file}: ${describeIoError(e)}\n`);
      return 2;
    }
    try {
      deployed.push(parseDeployed(file, text));
    } catch (e: unknown) {
      if (!(e instanceof DeployedFileError)) throw e;
      io.stderr.write(`keyless policy: ${e.message}\n`);
      return 2;
    }
  }
  let result: Awaited<ReturnType<typeof checkPolicy>>;
  try {
    result = await checkPolicy({
      deployed,
      derivation: args.derivation,
      render: args.render,
      ...(args.role !== undefined && { role: args.role }),
    });
  } catch (e: unknown) {
    if (!(e instanceof TypeError)) throw e;
    io.stderr.write(`keyless policy: ${e.message}\n`);
    return 2;
  }
  const version = cliVersion();
  const text =
    args.format === 'json'
      ? formatCheckJson(result)
      : args.format === 'sarif'
        ? formatCheckSarif(result, version === undefined ? {} : { toolVersion: version })
        : formatCheckPretty(result, {
            colors: colorsFor(args.output === undefined ? io.stdout : undefined, io.env),
          });
  if (!(await writeReport(text, args.output, io))) return 2;
  return result.findings.length > 0 ? 1 : 0;
}
