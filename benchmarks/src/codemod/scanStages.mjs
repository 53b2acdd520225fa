// The stages of one `keyless scan` of figure 6, each timed on its own in one Node process with the
// built packages: list (the sweep's listing), read (every listed file, decoded), parse (oxc, only
// the files the keyword prefilter lets through, as the scan does), analyse (the engine's whole
// `analyzeSource` minus that parse: prefilter, scopes, rules, findings) and report (the sweep's
// own per-file work and the JSON report: the in-process `sweep` plus `formatJson`, minus the
// stages above). `start` is module loading. Plain JavaScript so it runs like the tools it explains.
// Rounds (argv[3], default 3) repeat it all; prints one JSON line of milliseconds, the median
// round's and the first (cold) round's.
import { readFileSync } from 'node:fs';

const t0 = performance.now();
const { analyzeSource, fileKind, formatJson, sweep } = await import('@keyless/codemod');
const { listFiles, parseCode } = await import('@keyless/codemod/analysis');
const start = performance.now() - t0;
const dir = process.argv[2] ?? '.';
const time = (fn) => {
  const begun = performance.now();
  const value = fn();
  return [performance.now() - begun, value];
};

const ROUNDS = Number(process.argv[3] ?? 3);

async function round() {
  const [list, tasks] = time(() =>
    [...listFiles([dir], process.cwd(), (p) => fileKind(p) !== undefined)].flatMap((e) =>
      e.type === 'file' ? [e.task] : [],
    ),
  );
  const [read, texts] = time(() => tasks.map((t) => readFileSync(t.path).toString('utf8')));
  const [engine, results] = time(() => tasks.map((t, i) => analyzeSource(t.file, texts[i] ?? '')));
  const parsed = tasks.flatMap((t, i) =>
    fileKind(t.file) === 'code' && results[i]?.skipped !== true ? [[t.file, texts[i] ?? '']] : [],
  );
  const [parse] = time(() => {
    for (const [file, text] of parsed) parseCode(file, text);
  });
  const begun = performance.now();
  formatJson(await sweep({ paths: [dir], cwd: process.cwd(), workers: 0 }));
  const whole = performance.now() - begun;
  const report = Math.max(0, whole - list - read - engine);
  return { list, read, parse, analyse: engine - parse, report, sweep: whole, parsedFiles: parsed.length };
}

// The first round pays for compiling the engine; every later one is what a long sweep runs at.
const rounds = [];
for (let i = 0; i < ROUNDS; i++) rounds.push(await round());
const median = (key) => {
  const values = rounds.map((r) => r[key]).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
};
const stages = Object.fromEntries(Object.keys(rounds[0]).map((key) => [key, median(key)]));
process.stdout.write(`${JSON.stringify({ start, first: rounds[0], ...stages })}\n`);
