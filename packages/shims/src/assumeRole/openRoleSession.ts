import { AssumeRoleCommand, type AssumeRoleCommandOutput, STSClient } from '@aws-sdk/client-sts';
import { CredentialsProviderError, fromInstanceRole, RefreshCache } from '@keyless/credentials';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { isRefreshingProvider, type ShimCredentials, shimOf } from '../provider/toShimProvider.js';
import { withExpiredTokenRecovery } from '../recovery/withExpiredTokenRecovery.js';
import { toError } from '../toError.js';
import type { RoleSession } from './AssumedRoleCache.js';
import type { FromAssumedRoleInit } from './FromAssumedRoleInit.js';

/**
 * Opens one role session: an STS client signed by the source credentials and a `RefreshCache` whose
 * fetch is one AssumeRole call. Built only when the cache has no session for the role, so the source
 * and the client exist once per session, not once per provider or per call.
 */
export function openRoleSession(init: FromAssumedRoleInit): RoleSession {
  const { logger, clock } = init;
  const client = new STSClient({ ...init.clientConfig, credentials: signingSource(init) });
  // AssumeRole itself may meet an expired source token: recover as any other client would.
  withExpiredTokenRecovery(client);
  const cache = new RefreshCache<ShimCredentials>({
    fetch: () => assumeRole(client, init),
    name: `assume-role ${init.roleArn}`,
    ...(logger && { logger }),
    ...(clock && { clock }),
    ...(init.advisoryWindowMs !== undefined && { advisoryWindowMs: init.advisoryWindowMs }),
    ...(init.mandatoryWindowMs !== undefined && { mandatoryWindowMs: init.mandatoryWindowMs }),
    ...(init.prefetch !== undefined && { prefetch: init.prefetch }),
  });
  return {
    get: (options) => cache.get(options?.forceRefresh ? { forceRefresh: true } : undefined),
    invalidate: (accessKeyId) => cache.invalidate(accessKeyId),
    close: () => {
      cache.close();
      client.destroy();
    },
  };
}

function signingSource(init: FromAssumedRoleInit): AwsCredentialIdentityProvider {
  const { source, logger, clock } = init;
  if (source === undefined)
    return shimOf(fromInstanceRole({ ...(logger && { logger }), ...(clock && { clock }) }));
  // A caching provider of ours goes in unwrapped, so the client sees its refreshes and invalidations.
  return isRefreshingProvider(source) ? shimOf(source) : source;
}

async function assumeRole(client: STSClient, init: FromAssumedRoleInit): Promise<ShimCredentials> {
  const { roleArn } = init;
  let output: AssumeRoleCommandOutput;
  try {
    output = await client.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: init.roleSessionName,
        ExternalId: init.externalId,
        DurationSeconds: init.durationSeconds,
      }),
    );
  } catch (e: unknown) {
    const error = toError(e);
    throw new CredentialsProviderError(
      `keyless: STS AssumeRole of ${roleArn} failed: ${error.name}: ${error.message}`,
      {
        tryNextLink: false,
        recoverable: isRecoverable(error),
        cause: error,
      },
    );
  }
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = output.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date)) {
    throw new CredentialsProviderError(
      `keyless: STS AssumeRole of ${roleArn} answered without complete credentials (key id, secret, session token and expiration are all required)`,
      { tryNextLink: false },
    );
  }
  // arn:aws:sts::123456789012:assumed-role/name/session: the account is the fifth field.
  const accountId = output.AssumedRoleUser?.Arn?.split(':')[4];
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    sessionToken: SessionToken,
    expiration: Expiration,
    source: 'assumed-role',
    ...(accountId && /^\d{12}$/.test(accountId) && { accountId }),
  };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

/**
 * Network failures, throttling and 5xx are worth the refresh cache's backoff and retry; any other
 * answer from STS (AccessDenied, a malformed request) will not change by itself and is raised at once.
 */
function isRecoverable(error: Error): boolean {
  const { $fault, $metadata } = error as { $fault?: unknown; $metadata?: unknown };
  if ($metadata === undefined) return true;
  return $fault === 'server' || THROTTLING.has(error.name);
}
