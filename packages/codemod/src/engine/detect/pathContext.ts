const TEST_DIR = /(^|[\\/])(test|tests|__tests__|__mocks__|spec|e2e|fixtures?)[\\/]/i;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/i;

/**
 * Whether a path is test code. Tests pass fake or deliberately split keys to mocks, and rewriting
 * them to a role would break the test run, so findings there are never auto-fixed.
 */
export function isTestPath(file: string): boolean {
  return TEST_DIR.test(file) || TEST_FILE.test(file);
}
