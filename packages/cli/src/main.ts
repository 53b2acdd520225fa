import { createRequire } from 'node:module';
import type { Command, Io } from './Io.js';

// src/ and dist/ both sit one level below the package root.
const { version: VERSION } = createRequire(import.meta.url)('../package.json') as { version: string };

const USAGE = `Usage: keyless <command> [options]

Commands:
  scan [paths..]      find hard-coded and static AWS keys (pretty, JSON or SARIF)
  fix [paths..]       rewrite the safe shapes to instance-role credentials
  policy [paths..]    derive the least-privilege IAM policy the code's AWS SDK calls need
  emulator            serve EC2 IMDS, ECS/EKS container credentials and STS on 127.0.0.1
  doctor              show which credential source this host would use, and why

Run \`keyless <command> --help\` for the options of one command.
`;

/** Subcommands load lazily so `keyless emulator` never pays for the parser and vice versa. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan.js')).runScan,
  fix: async () => (await import('./commands/fix.js')).runFix,
  policy: async () => (await import('./commands/policy.js')).runPolicy,
  emulator: async () => (await import('./commands/emulator.js')).runEmulator,
  doctor: async () => (await import('./commands/doctor.js')).runDoctor,
};

/** Runs the CLI with `argv` (without node and the script path) and returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr.write(`keyless: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  const command = await load();
  return command(rest, io);
}
