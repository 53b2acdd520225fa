import type { AwsCredentialIdentity } from '@smithy/types';
import * as E from '../config/envNames.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { parseRfc3339 } from './parseCredentialsJson.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';

/**
 * The static sources, tried only after every role source failed, in this order: keys the app passed
 * explicitly (`staticCredentials`), the `AWS_ACCESS_KEY_ID` environment variables, then the shared
 * credentials/config profile. Their use goes through the `staticKeys` policy.
 */
export const staticSources: readonly SourceDriver[] = [
  {
    name: 'hard-coded',
    async skipReason(ctx) {
      return ctx.config.staticCredentials === undefined ? 'no staticCredentials given' : undefined;
    },
    async fetch(ctx) {
      return ctx.config.staticCredentials as AwsCredentialIdentity;
    },
  },
  {
    name: 'env',
    async skipReason(ctx) {
      const { accessKeyId, secretAccessKey } = ctx.config.envKeys;
      if (accessKeyId === undefined && secretAccessKey === undefined)
        return `${E.ENV_ACCESS_KEY_ID} is not set`;
      if (secretAccessKey === undefined)
        return `${E.ENV_ACCESS_KEY_ID} is set but ${E.ENV_SECRET_ACCESS_KEY} is not`;
      if (accessKeyId === undefined)
        return `${E.ENV_SECRET_ACCESS_KEY} is set but ${E.ENV_ACCESS_KEY_ID} is not`;
      return undefined;
    },
    async fetch(ctx) {
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = ctx.config.envKeys;
      return {
        accessKeyId: accessKeyId as string,
        secretAccessKey: secretAccessKey as string,
        ...(sessionToken === undefined ? {} : { sessionToken }),
        ...(expiration === undefined ? {} : { expiration: envExpiration(expiration) }),
      };
    },
  },
  {
    name: 'profile',
    async skipReason(ctx) {
      const p = ctx.profile;
      if (p[E.CONFIG_ACCESS_KEY_ID] !== undefined && p[E.CONFIG_SECRET_ACCESS_KEY] !== undefined)
        return undefined;
      const other = ['role_arn', 'credential_process', 'sso_session', 'sso_start_url'].find(
        (k) => p[k] !== undefined,
      );
      return other !== undefined
        ? `profile "${ctx.config.profile}" uses ${other}, which keyless does not resolve (use the SDK's fromIni for it)`
        : `profile "${ctx.config.profile}" has no ${E.CONFIG_ACCESS_KEY_ID} / ${E.CONFIG_SECRET_ACCESS_KEY} (${where(ctx)})`;
    },
    async fetch(ctx) {
      const p = ctx.profile;
      const sessionToken = p[E.CONFIG_SESSION_TOKEN];
      return {
        accessKeyId: p[E.CONFIG_ACCESS_KEY_ID] as string,
        secretAccessKey: p[E.CONFIG_SECRET_ACCESS_KEY] as string,
        ...(sessionToken === undefined ? {} : { sessionToken }),
      };
    },
  },
];

function envExpiration(value: string): Date {
  const date = parseRfc3339(value);
  if (date === undefined) {
    throw new CredentialsProviderError(`env: ${E.ENV_CREDENTIAL_EXPIRATION} is not an RFC 3339 date-time`, {
      source: 'env',
      recoverable: false,
    });
  }
  return date;
}

function where(ctx: SourceContext): string {
  return `${ctx.config.files.credentials}, ${ctx.config.files.config}`;
}
