import { parseArgs } from 'node:util';
import { type FaultSpec, parseFaultSpec, startEmulator } from '@keyless/emulator';
import type { Command } from '../Io.js';
import { runChild } from './runChild.js';

const USAGE = `Usage: keyless emulator [options]
       keyless emulator [options] -- <command> [args...]

Serves EC2 IMDS, ECS/EKS container credentials, STS, the SSO portal and S3 on one local HTTP
server, prints \`export NAME=value\` lines for SDK clients on stdout, and serves until SIGINT/SIGTERM.
With \`-- <command>\`, it runs the command with those variables set instead, passes SIGINT, SIGTERM
and SIGHUP on to it, stops when it exits and exits with its code (128 + n if signal n ended it).

Options:
  --port <n>          port to bind (default 0: any free port)
  --host <addr>       address to bind (default 127.0.0.1; 0.0.0.0 exposes it to the network,
                      and the exports still name 127.0.0.1)
  --allow-host <name> a host name requests may carry in Host besides IP addresses and localhost
                      (e.g. a Compose service name; .example.test for a domain); repeat for several
  --role <name>       instance role name (default keyless-emulator-role)
  --lifetime <dur>    credential lifetime: 6h, 30m, 900s or 900000ms (default 6h)
  --v1                allow IMDSv1 (metadata GETs without a token)
  --fault <spec>      inject a fault; repeat for several. <spec> is
                        <type>[=<value>][,path=<p>|~<regex>][,kind=<kind>][,method=<m>]
                        [,times=<n>][,probability=<0..1>][,stage=headers|body]
                      types: latency=<ms> hang reset refuse status=<code> throttle[=<retry-after s>]
                        malformed partial code=<Code> expired near-expiry=<ms>
                        invalidate-tokens no-ttl-header imds-disabled
                      kinds: imds-token imds-credentials imds-role-list imds-other container sts s3 sso other
                      e.g. --fault status=503,kind=imds-token,times=2 --fault latency=1500,stage=body
  -h, --help          show this help

Examples:
  keyless emulator -- node app.js    # app.js gets role credentials from the emulator
  keyless emulator > emulator.env &  # then: . ./emulator.env
`;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `6h`, `30m`, `900s`, `900000ms`; a bare number is seconds. */
function parseDuration(text: string): number {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (match === null)
    throw new TypeError(
      `--lifetime: expected a duration such as 6h, 30m or 900s, got ${JSON.stringify(text)}`,
    );
  return Number(match[1]) * (UNIT_MS[match[2] ?? 's'] ?? 1000);
}

function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65_535)
    throw new TypeError(`--port: expected 0..65535, got ${JSON.stringify(text)}`);
  return Number(text);
}

/** POSIX-shell quoting, only where a value needs it (URLs and tokens usually do not). */
function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * `keyless emulator`: starts the emulator, then either prints the env to export and serves until a
 * signal, or (after `--`) runs a command with that env and stops when it exits.
 */
export const runEmulator: Command = async (argv, io) => {
  let options: Parameters<typeof startEmulator>[0];
  const faults: FaultSpec[] = [];
  const dashes = argv.indexOf('--');
  const command = dashes === -1 ? undefined : argv.slice(dashes + 1);
  try {
    if (command !== undefined && command[0] === undefined)
      throw new TypeError('expected a command after --, e.g. keyless emulator -- node app.js');
    const { values } = parseArgs({
      args: dashes === -1 ? argv : argv.slice(0, dashes),
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        role: { type: 'string' },
        lifetime: { type: 'string' },
        v1: { type: 'boolean' },
        fault: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    for (const spec of values.fault ?? []) faults.push(parseFaultSpec(spec));
    options = {
      ...(values.port !== undefined && { port: parsePort(values.port) }),
      ...(values.host !== undefined && { host: values.host }),
      ...(values['allow-host'] !== undefined && { allowedHosts: values['allow-host'] }),
      ...(values.role !== undefined && { roleName: values.role }),
      ...(values.lifetime !== undefined && { credentialLifetimeMs: parseDuration(values.lifetime) }),
      allowV1: values.v1 ?? false,
    };
  } catch (error: unknown) {
    io.stderr.write(
      `keyless emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`,
    );
    return 2;
  }
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emu = await startEmulator(options);
  } catch (error: unknown) {
    // Bad option values (TypeError) and bind failures (EADDRINUSE) are usage-level problems here.
    io.stderr.write(`keyless emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const fault of faults) emu.fault(fault);
  if (command?.[0] !== undefined) {
    const [program, ...args] = command;
    const code = await runChild({ command: [program, ...args], env: emu.env }, io);
    await emu.stop();
    return code;
  }
  for (const [name, value] of Object.entries(emu.env))
    io.stdout.write(`export ${name}=${shellQuote(value)}\n`);
  io.stderr.write(
    `keyless emulator: serving on ${emu.url} (role ${emu.current().roleName}, ${faults.length} fault(s)); Ctrl-C to stop\n`,
  );
  await (io.untilSignal ?? new Promise<void>(() => {}));
  await emu.stop();
  io.stderr.write('keyless emulator: stopped\n');
  return 0;
};
