import { fromWebToken } from '@aws-sdk/credential-provider-web-identity';
import { redactSecrets } from '@keyless/redact';
import { ENV_ROLE_ARN, ENV_WEB_IDENTITY_TOKEN_FILE } from '../config/envNames.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { MalformedResponseError } from '../errors/MalformedResponseError.js';
import { toError } from '../toError.js';
import type { SourceDriver } from './SourceDriver.js';
import { SDK_REQUEST_HANDLER } from './sdkRequestHandler.js';

/**
 * IRSA / web identity: reads `AWS_WEB_IDENTITY_TOKEN_FILE` on every fetch (EKS rotates it) and calls
 * STS `AssumeRoleWithWebIdentity` through the SDK's own `fromWebToken`, which does that job right.
 * Region and endpoint come from keyless's config (`AWS_REGION`, `AWS_ENDPOINT_URL_STS`, profile), not
 * from the calling client, because one cache serves many clients.
 */
export function webIdentitySource(): SourceDriver {
  return {
    name: 'web-identity',
    failClosed: true,
    async skipReason(ctx) {
      const { tokenFile, roleArn } = ctx.settings.webIdentity;
      return tokenFile === undefined && roleArn === undefined
        ? `${ENV_WEB_IDENTITY_TOKEN_FILE} and ${ENV_ROLE_ARN} are not set`
        : undefined;
    },
    async fetch(ctx) {
      const { tokenFile, roleArn, sessionName, stsEndpoint, region } = ctx.settings.webIdentity;
      if (tokenFile === undefined || roleArn === undefined) {
        const missing = tokenFile === undefined ? ENV_WEB_IDENTITY_TOKEN_FILE : ENV_ROLE_ARN;
        throw new CredentialsProviderError(`web-identity: ${missing} is not set (both are needed)`, {
          source: 'web-identity',
          recoverable: false,
        });
      }
      const content = await ctx.seams.readFile(tokenFile).catch((e: unknown) => {
        throw new CredentialsProviderError(
          `web-identity: ${ENV_WEB_IDENTITY_TOKEN_FILE}: ${toError(e).message}`,
          {
            source: 'web-identity',
            recoverable: false,
          },
        );
      });
      const token = content?.trim();
      if (token === undefined || token === '') {
        throw new CredentialsProviderError(`web-identity: cannot read a token from ${tokenFile}`, {
          source: 'web-identity',
        });
      }
      const endpoint = stsEndpoint ?? `https://sts.${region}.amazonaws.com`;
      try {
        return await fromWebToken({
          roleArn,
          roleSessionName: sessionName ?? `keyless-${ctx.clock.now()}`,
          webIdentityToken: token,
          clientConfig: {
            region,
            requestHandler: SDK_REQUEST_HANDLER,
            ...(stsEndpoint === undefined ? {} : { endpoint: stsEndpoint }),
          },
          logger: ctx.logger,
        })();
      } catch (e: unknown) {
        throw stsError(e, { endpoint, token });
      }
    },
  };
}

function stsError(thrown: unknown, sent: { endpoint: string; token: string }): CredentialsProviderError {
  const { endpoint, token } = sent;
  const e = toError(thrown);
  if (/^Invalid response from STS/.test(e.message)) {
    return new MalformedResponseError('web-identity', endpoint, 'missing-field', 'Credentials');
  }
  if (/Deserialization error|char '|Unexpected|Invalid|parse/i.test(e.message) && hasNoServiceCode(e)) {
    return new MalformedResponseError('web-identity', endpoint, 'invalid-xml');
  }
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const what = [e.name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
  return new CredentialsProviderError(
    `web-identity: AssumeRoleWithWebIdentity at ${endpoint} failed (${what}): ${redactSecrets(e.message, { known: [token], maxLength: 300 })}`,
    { source: 'web-identity', cause: thrown, secrets: [token] },
  );
}

// A service error names its code; a body the SDK could not parse does not.
function hasNoServiceCode(e: Error): boolean {
  return (e as { $fault?: unknown }).$fault === undefined;
}
