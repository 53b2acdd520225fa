/** Directories never swept: dependencies, build output, caches, editor history. */
const EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  'bower_components',
  'jspm_packages',
  'dist',
  'build',
  'dest',
  'out',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.vercel',
  '.serverless',
  '.aws-sam',
  'cdk.out',
  'coverage',
  '.nyc_output',
  '.cache',
  '.history',
]);

// Lockfiles carry integrity hashes that look like secrets; minified files are build output.
const EXCLUDED_FILES =
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?)$|\.min\.[cm]?js$|\.map$/;

/**
 * Whether a `/`-separated path, relative to a directory the user asked to sweep, is excluded by
 * default. Only segments below that directory count, so `keyless scan dist` still scans `dist`.
 */
export function isExcludedPath(relative: string): boolean {
  if (EXCLUDED_FILES.test(relative)) return true;
  const segments = relative.split('/');
  segments.pop();
  return segments.some((s) => EXCLUDED_DIRS.has(s));
}
