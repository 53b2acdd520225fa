import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchResults } from './BenchResults.js';
import { formatMarkdown } from './formatMarkdown.js';
import { formatWithBiome } from './formatWithBiome.js';

const CHART_FILE = 'caller-latency.svg';
const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/**
 * Writes `latest.json`, `latest.md` and the chart into `dir`. With `readme`, also replaces the part of
 * the README between the results markers with the same markdown (image path relative to the README).
 */
export async function writeResults(
  dir: string,
  results: BenchResults,
  chartSvg: string | undefined,
  readme?: { path: string; resultsDir: string },
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  if (chartSvg !== undefined) await writeFile(join(dir, CHART_FILE), chartSvg);
  const chart = chartSvg === undefined ? undefined : CHART_FILE;
  await writeFile(join(dir, 'latest.md'), formatMarkdown(results, chart));
  if (readme === undefined) return;
  const text = await readFile(readme.path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${readme.path} has no ${START} ... ${END} section`);
  const body = formatMarkdown(results, chart && `${readme.resultsDir}/${chart}`);
  await writeFile(readme.path, `${text.slice(0, start + START.length)}\n${body}${text.slice(end)}`);
  await formatWithBiome(readme.path);
}
