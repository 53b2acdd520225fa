import { join } from 'node:path';

/**
 * The environment every measured process gets: the parent's, minus every `AWS_*` setting (a developer's
 * profile or keys must not leak into a run), with the shared config and credentials files pointed at
 * paths that do not exist, plus the settings of the scenario.
 */
export function benchEnv(
  scratchDir: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('AWS_')) env[name] = value;
  }
  env.AWS_CONFIG_FILE = join(scratchDir, 'no-such-aws-config');
  env.AWS_SHARED_CREDENTIALS_FILE = join(scratchDir, 'no-such-aws-credentials');
  env.AWS_REGION = 'us-east-1';
  return { ...env, ...extra };
}
