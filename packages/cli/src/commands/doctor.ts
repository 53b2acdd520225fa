import { parseArgs } from 'node:util';
import { type DiagnoseInit, type DoctorReport, diagnose } from '@keyless/credentials';
import type { Command } from '../Io.js';
import { colorsFor } from './colorsFor.js';
import { formatDoctor } from './formatDoctor.js';

const USAGE = `Usage: keyless doctor [options]

Shows which credential source fromInstanceRole() would use on this host, and why: what each probe
saw and how long it took (container env and endpoint, web identity token file and STS, DMI platform
hint, IMDS token, role and credentials), the effective settings and where each came from (option,
env var, profile file, default), and any static keys in the environment or the shared profile.
Key ids are masked; secrets and tokens are never printed.

Options:
  --json                  print the report as JSON
  --profile <name>        shared config/credentials profile (default: AWS_PROFILE, then "default")
  --imds-endpoint <url>   ask IMDS at <url>, as AWS_EC2_METADATA_SERVICE_ENDPOINT would
  --timeout <duration>    longest wait for each role source: 500ms, 2s, or seconds (default 5s)
  -h, --help              show this help

Exit codes: 0 a role source would be used, 1 only static keys or nothing would be found,
2 usage error.
`;

/** `500ms`, `2s`, `1.5s`; a bare number is seconds, as for `keyless emulator --lifetime`. */
function parseTimeout(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  const ms = match === null ? Number.NaN : Number(match[1]) * (match[2] === 'ms' ? 1 : 1000);
  if (!(ms >= 1))
    throw new TypeError(`--timeout: expected a duration such as 500ms or 2s, got ${JSON.stringify(text)}`);
  return Math.ceil(ms);
}

function parse(argv: string[], env: DiagnoseInit['env']): { init: DiagnoseInit; json: boolean } | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      profile: { type: 'string' },
      'imds-endpoint': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const init: DiagnoseInit = {
    ...(env !== undefined && { env }),
    ...(values.profile !== undefined && { profile: values.profile }),
    ...(values['imds-endpoint'] !== undefined && { imds: { endpoint: values['imds-endpoint'] } }),
    ...(values.timeout !== undefined && { timeoutMs: parseTimeout(values.timeout) }),
  };
  return { init, json: values.json ?? false };
}

/** `keyless doctor`: runs `diagnose` from `@keyless/credentials` and prints the report. */
export const runDoctor: Command = async (argv, io) => {
  let report: Promise<DoctorReport>;
  let json: boolean;
  try {
    const args = parse(argv, io.env);
    if (args === 'help') {
      io.stdout.write(USAGE);
      return 0;
    }
    json = args.json;
    // Bad option values (an endpoint that is not a URL, an empty profile) throw here, synchronously.
    report = diagnose(args.init);
  } catch (error: unknown) {
    io.stderr.write(`keyless doctor: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const done = await report;
  io.stdout.write(
    json ? `${JSON.stringify(done, null, 2)}\n` : formatDoctor(done, colorsFor(io.stdout, io.env)),
  );
  return done.kind === 'role' ? 0 : 1;
};
