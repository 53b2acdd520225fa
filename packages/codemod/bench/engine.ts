/**
 * Engine benchmark (not a test): analyses every JS/TS file under a directory (default: the repo's
 * node_modules) one file at a time on one thread, and reports files/s, MB/s and parse failures
 * by extension. Run: `npx tsx bench/engine.ts [dir]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeSource } from '../src/engine/analyzeSource.js';
import { parseCode } from '../src/engine/parse/parseCode.js';

const CODE = new Set(['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);
const root = resolve(process.argv[2] ?? join(import.meta.dirname, '../../../node_modules'));
const out = (line: string) => process.stdout.write(`${line}\n`);

function collect(dir: string, files: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path, files);
    else if (entry.isFile() && CODE.has(extname(entry.name))) files.push(path);
  }
}

const paths: string[] = [];
collect(root, paths);
const corpus = paths.map((path) => ({ path, text: readFileSync(path, 'utf8'), ext: extname(path) }));
const bytes = corpus.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const mb = bytes / 1024 / 1024;

/**
 * Wall time, and CPU time of this process: on a shared machine the wall clock includes time spent
 * waiting for a core, the CPU time does not, so files per CPU-second is the per-core figure.
 */
function run(label: string, fn: (f: (typeof corpus)[number]) => void): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (const f of corpus) fn(f);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const rate = (seconds: number) =>
    `${(corpus.length / seconds).toFixed(0).padStart(7)} files/s ${(mb / seconds).toFixed(1).padStart(6)} MB/s`;
  out(
    `${label.padEnd(30)} wall ${wall.toFixed(1).padStart(6)} s ${rate(wall)} | cpu ${cpu.toFixed(1).padStart(6)} s ${rate(cpu)}`,
  );
}

out(`corpus: ${root}`);
out(
  `${corpus.length} files, ${mb.toFixed(1)} MB; node ${process.version}; ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}`,
);
const byExt = new Map<string, number>();
for (const f of corpus) byExt.set(f.ext, (byExt.get(f.ext) ?? 0) + 1);
out(`by extension: ${[...byExt].map(([e, n]) => `${e} ${n}`).join(', ')}`);

// Warm-up so JIT and the native binding are loaded before timing.
for (const f of corpus.slice(0, 200)) analyzeSource(f.path, f.text);

let skipped = 0;
let findings = 0;
let parseErrors = 0;
run('scan (prefilter on)', (f) => {
  const r = analyzeSource(f.path, f.text);
  if (r.skipped === true) skipped++;
  if (r.parseError !== undefined) parseErrors++;
  findings += r.findings.length;
});
out(
  `  skipped by prefilter: ${skipped}, analysed: ${corpus.length - skipped}, parse errors: ${parseErrors}, findings: ${findings}`,
);

let rewritten = 0;
run('fix --dry-run (prefilter on)', (f) => {
  if (analyzeSource(f.path, f.text, { fix: true }).output !== undefined) rewritten++;
});
out(`  files that would be rewritten: ${rewritten}`);

// A trailing keyword comment defeats the prefilter, so every file is parsed, walked and judged.
let full = 0;
run('scan (prefilter defeated)', (f) => {
  full += analyzeSource(f.path, `${f.text}\n// accessKeyId`).findings.length;
});
out(`  findings: ${full}`);

const failures = new Map<string, { files: number; failed: number; sample?: string }>();
run('parse only (oxc, every file)', (f) => {
  const entry = failures.get(f.ext) ?? { files: 0, failed: 0 };
  entry.files++;
  const parsed = parseCode(f.path, f.text);
  if (!parsed.ok) {
    entry.failed++;
    entry.sample ??= `${f.path.slice(root.length + 1)}: ${parsed.message}`;
  }
  failures.set(f.ext, entry);
});
out('parse failures by extension:');
for (const [ext, { files, failed, sample }] of [...failures].sort()) {
  out(
    `  ${ext.padEnd(5)} ${String(failed).padStart(4)} / ${String(files).padStart(5)} (${((100 * failed) / files).toFixed(2)}%)${sample ? `  e.g. ${sample}` : ''}`,
  );
}
