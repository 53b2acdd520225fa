import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

/**
 * Formats a markdown file with the repository's Biome, which lints READMEs: the generated tables must
 * come out exactly as `biome check` wants them (padded columns).
 */
export async function formatWithBiome(path: string): Promise<void> {
  await run(process.execPath, [BIOME, 'format', '--write', path]);
}
