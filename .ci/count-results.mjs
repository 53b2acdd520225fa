// Sums vitest's JSON reports across every workspace into plain lines: one per Node version the suite
// ran under (from the arguments `<major>:<exit status of that run>`, Node 20 first), then the total,
// so a run that executed no test shows up as `0 passed` instead of passing silently.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dirs = workspaces.flatMap((pattern) => {
  if (!pattern.endsWith('/*')) return [join(root, pattern)];
  const parent = join(root, pattern.slice(0, -2));
  return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
});
dirs.push(root);

/** The full version a major ran as: this process for its own, else the pinned `node` package. */
function versionOf(major) {
  if (process.versions.node.startsWith(`${major}.`)) return process.versions.node;
  const lock = join(root, '.ci', 'node', major, 'package-lock.json');
  if (!existsSync(lock)) return `${major}.x`;
  return JSON.parse(readFileSync(lock, 'utf8')).packages['node_modules/node'].version;
}

const runs = (
  process.argv.length > 2 ? process.argv.slice(2) : [`${process.versions.node.split('.')[0]}:0`]
).map((arg) => {
  const [major, status] = arg.split(':');
  return { major, status: Number(status) };
});
const total = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
for (const { major, status } of runs) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const dir of dirs) {
    const file = join(dir, '.test-results', `vitest-node${major}.json`);
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  }
  const pass = status === 0 && counts.failed === 0 && counts.passed > 0;
  ok &&= pass;
  for (const key of Object.keys(total)) total[key] += counts[key];
  const exit = status === 0 ? '' : `, exit ${status}`;
  console.log(
    `node ${versionOf(major)}: ${pass ? 'pass' : 'FAIL'} (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${exit})`,
  );
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(ok ? 0 : 1);
