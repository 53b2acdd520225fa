import type { AwsCredentialIdentity } from '@smithy/types';
import type { CredentialSource } from '../CredentialSource.js';
import * as E from '../config/envNames.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { parseRfc3339 } from './parseCredentialsJson.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';

/**
 * AWS Lambda: the runtime puts the execution role's session in `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, next to `AWS_LAMBDA_FUNCTION_NAME`. It is the
 * function's own role, so it comes first and needs no network call. Without an env session (SnapStart
 * serves its credentials through the container endpoint) the source is skipped.
 */
export function lambdaSource(): SourceDriver {
  return {
    name: 'lambda',
    failClosed: true,
    envOnly: true,
    async skipReason(ctx) {
      if (ctx.config.lambdaFunctionName === undefined) return `${E.ENV_LAMBDA_FUNCTION_NAME} is not set`;
      return envSessionMissing(ctx);
    },
    fetch: async (ctx) => envCredentials(ctx, 'lambda'),
  };
}

/**
 * A session some earlier step put in env: a CI job after OIDC (`aws-actions/configure-aws-credentials`),
 * `aws sts assume-role` output, a container runtime. Temporary keys are what the job was given, so
 * they win over the host's instance role (a self-hosted runner on EC2 would otherwise hand out the
 * runner's role). As in the SDK, an explicitly selected `AWS_PROFILE` wins over env keys.
 */
export function envSessionSource(): SourceDriver {
  return {
    name: 'env-session',
    failClosed: true,
    envOnly: true,
    async skipReason(ctx) {
      if (ctx.config.lambdaFunctionName !== undefined) return 'on AWS Lambda the lambda source reads env';
      const missing = envSessionMissing(ctx);
      if (missing !== undefined) return missing;
      if (ctx.config.profileSelected) {
        return `profile "${ctx.config.profile}" is selected, and a selected profile wins over env keys (as in the SDK)`;
      }
      return undefined;
    },
    fetch: async (ctx) => envCredentials(ctx, 'env-session'),
  };
}

/** Why env holds no complete session (id, secret and session token), or undefined when it does. */
function envSessionMissing(ctx: SourceContext): string | undefined {
  const missing = envKeysMissing(ctx);
  if (missing !== undefined) return missing;
  if (ctx.config.envKeys.sessionToken === undefined) {
    return `${E.ENV_SESSION_TOKEN} is not set, so the env keys are long-lived (tried last)`;
  }
  return undefined;
}

/** Why env holds no access key pair, or undefined when it does. */
export function envKeysMissing(ctx: SourceContext): string | undefined {
  const { accessKeyId, secretAccessKey } = ctx.config.envKeys;
  if (accessKeyId === undefined && secretAccessKey === undefined) return `${E.ENV_ACCESS_KEY_ID} is not set`;
  if (secretAccessKey === undefined)
    return `${E.ENV_ACCESS_KEY_ID} is set but ${E.ENV_SECRET_ACCESS_KEY} is not`;
  if (accessKeyId === undefined) return `${E.ENV_SECRET_ACCESS_KEY} is set but ${E.ENV_ACCESS_KEY_ID} is not`;
  return undefined;
}

/** The env keys as credentials, with `AWS_CREDENTIAL_EXPIRATION` when set. */
export function envCredentials(ctx: SourceContext, source: CredentialSource): AwsCredentialIdentity {
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = ctx.config.envKeys;
  return {
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(expiration === undefined ? {} : { expiration: envExpiration(expiration, source) }),
  };
}

function envExpiration(value: string, source: CredentialSource): Date {
  const date = parseRfc3339(value);
  if (date === undefined) {
    throw new CredentialsProviderError(
      `${source}: ${E.ENV_CREDENTIAL_EXPIRATION} is not an RFC 3339 date-time`,
      { source, recoverable: false },
    );
  }
  return date;
}
