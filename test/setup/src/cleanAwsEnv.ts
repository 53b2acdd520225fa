/**
 * Variables a host sets that change where AWS credentials come from: every `AWS_*` (keys, profiles,
 * endpoints, IMDS, container, web identity, Lambda), the ECS agent's `ECS_CONTAINER_METADATA_URI*`
 * and Lambda's `LAMBDA_*`. A test that inherits one from a CI host inside ECS, CodeBuild or Lambda
 * would reach that host's real endpoints or use its real role.
 */
const AWS_VARIABLE = /^(AWS_|ECS_|LAMBDA_)/i;

/** Deletes those variables from `env` (default `process.env`) and returns the names it removed. */
export function cleanAwsEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const removed = Object.keys(env).filter((name) => AWS_VARIABLE.test(name));
  for (const name of removed) delete env[name];
  return removed;
}
