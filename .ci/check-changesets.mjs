// `npm test`'s changeset check: every published package changed since the last release carries a
// changeset. "The last release" is the last commit that touched a published package's CHANGELOG.md
// (`changeset version` writes them), so the check needs no branch besides the one it runs on: in CI's
// fresh clone of main, main is compared with its own last release, not with itself.
// `changeset status` alone only fails when there is no changeset at all; this names each package.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

/**
 * Files whose change users see; the same rule as `changedFilePatterns` in .changeset/config.json.
 * Specs and `testing/` helpers under src/ are not shipped.
 */
function isShipped(path) {
  if (/\.spec\.tsx?$/.test(path) || /(^|\/)testing\//.test(path)) return false;
  return (
    path.startsWith('src/') ||
    path.startsWith('bin/') ||
    ['package.json', 'README.md', 'tsup.config.ts'].includes(path)
  );
}

/** A package.json change users see: anything but its devDependencies and scripts. */
function manifestChanged(path, base) {
  const published = (text) => {
    const { devDependencies, scripts, ...rest } = JSON.parse(text);
    return JSON.stringify(rest);
  };
  let before;
  try {
    before = git('show', `${base}:${path}`);
  } catch {
    return true;
  }
  return (
    !existsSync(join(root, path)) || published(before) !== published(readFileSync(join(root, path), 'utf8'))
  );
}

const published = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: `packages/${dir}`, manifest: join(root, 'packages', dir, 'package.json') }))
  .filter(({ manifest }) => existsSync(manifest))
  .map(({ dir, manifest }) => ({ dir, ...JSON.parse(readFileSync(manifest, 'utf8')) }))
  .filter((pkg) => pkg.private !== true);

const base = git('log', '-1', '--format=%H', '--', ...published.map(({ dir }) => `${dir}/CHANGELOG.md`));
if (base === '') {
  const shallow = git('rev-parse', '--is-shallow-repository') === 'true';
  console.error(
    shallow
      ? 'changesets: this clone is shallow and holds no commit that touched a CHANGELOG.md; fetch the history (git fetch --unshallow)'
      : 'changesets: no commit touched a published package CHANGELOG.md; commit them first',
  );
  process.exit(1);
}

// Committed, staged, unstaged and untracked: what a commit of this work tree would hold.
const changed = [
  ...git('diff', '--name-only', base).split('\n'),
  ...git('ls-files', '--others', '--exclude-standard').split('\n'),
].filter(Boolean);
const changedPackages = published.filter(({ dir }) =>
  changed.some((path) => {
    if (!path.startsWith(`${dir}/`)) return false;
    const inPackage = path.slice(dir.length + 1);
    return inPackage === 'package.json' ? manifestChanged(path, base) : isShipped(inPackage);
  }),
);

const out = mkdtempSync(join(tmpdir(), 'keyless-changesets-'));
let plan = { changesets: [] };
let statusOutput = '';
try {
  // `status` exits 1 by itself when packages changed and no changeset exists at all; its words are
  // shown only when this check fails too.
  execFileSync('npx', ['changeset', 'status', `--since=${base}`, `--output=${join(out, 'plan.json')}`], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
} catch (error) {
  statusOutput = String(error.stderr ?? error.message);
} finally {
  rmSync(out, { recursive: true, force: true });
}
const covered = new Set(plan.changesets.flatMap(({ releases }) => releases.map(({ name }) => name)));
const missing = changedPackages.filter(({ name }) => !covered.has(name));
if (missing.length > 0 && statusOutput !== '') process.stderr.write(statusOutput);
for (const { name, dir } of missing)
  console.error(
    `changesets: ${name} (${dir}) changed since ${base.slice(0, 7)} but no changeset names it; run \`npx changeset\``,
  );
console.log(
  `changesets: ${changedPackages.length} package(s) changed since the last release (${base.slice(0, 7)}), ${missing.length} without a changeset`,
);
process.exit(missing.length === 0 ? 0 : 1);
