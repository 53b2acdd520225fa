import { afterAll, afterEach } from 'vitest';
import { cleanAwsEnv } from './cleanAwsEnv.js';
import { installNetworkGuard } from './networkGuard.js';

// Runs before every test file of every package (vitest.shared.ts `setupFiles`). Stubbed variables
// are restored after each test by `unstubEnvs`, so every test starts from this clean environment.
cleanAwsEnv();
const guard = installNetworkGuard();

/** Fails the test (or, for attempts after the last test, the file) that tried to leave loopback. */
function failOnViolations(): void {
  const violations = guard.takeViolations();
  if (violations.length > 0)
    throw new Error(
      `network guard stopped ${violations.length} attempt(s) to leave loopback:\n${violations.join('\n\n')}`,
    );
}

afterEach(failOnViolations);
afterAll(failOnViolations);
