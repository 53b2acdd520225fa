import { fromIni } from '@aws-sdk/credential-provider-ini';
import { getDefaultRoleAssumer } from '@aws-sdk/nested-clients/sts';
import { redactSecrets } from '@keyless/redact';
import { parseKnownFiles } from '@smithy/shared-ini-file-loader';
import type { AwsCredentialIdentity, ParsedIniData } from '@smithy/types';
import * as E from '../config/envNames.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { toError } from '../toError.js';
import { envCredentials, envKeysMissing } from './envSessionSources.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';
import { SDK_REQUEST_HANDLER } from './sdkRequestHandler.js';

/** Profile keys that make a profile a chain the SDK resolves (anything but plain keys or web identity). */
const CHAIN_KEYS = [
  E.CONFIG_SSO_SESSION,
  E.CONFIG_SSO_START_URL,
  E.CONFIG_CREDENTIAL_PROCESS,
  E.CONFIG_LOGIN_SESSION,
  E.CONFIG_ROLE_ARN,
] as const;

/** keyless's own sources a `credential_source` names, so their caching and deadlines apply. */
export interface OwnSources {
  readonly container: SourceDriver;
  readonly imds: SourceDriver;
}

type Profiles = ParsedIniData;

/**
 * The selected profile's chain: IAM Identity Center (`sso_session` or legacy `sso_start_url`),
 * `credential_process`, `role_arn` with `source_profile`, and `login_session` (`aws login`), all
 * through the SDK's own `fromIni`, which does that job right. The one exception is
 * `credential_source = Ec2InstanceMetadata | EcsContainer | Environment`: there `fromIni` would build
 * its own uncached IMDS or container provider, so keyless gets the source credentials from its own
 * sources (token cache, deadlines, typed errors) and assumes the role with the SDK's STS role assumer.
 * A `role_arn` next to `web_identity_token_file` is the web identity source's.
 */
export function profileChainSource(own: OwnSources): SourceDriver {
  return {
    name: 'profile-chain',
    failClosed: true,
    async skipReason(ctx) {
      const key = chainKey(ctx.profile);
      if (key !== undefined) return undefined;
      return ctx.profile[E.CONFIG_WEB_IDENTITY_TOKEN_FILE] !== undefined
        ? `profile "${ctx.config.profile}" is a web identity profile (the web-identity source)`
        : `profile "${ctx.config.profile}" has no ${CHAIN_KEYS.join(', ')}`;
    },
    async fetch(ctx) {
      const name = ctx.config.profile;
      const what = chainKey(ctx.profile) ?? 'profile';
      try {
        const profiles = await parseKnownFiles({
          profile: name,
          filepath: ctx.config.files.credentials,
          configFilepath: ctx.config.files.config,
          ignoreCache: true,
        });
        if (usesCredentialSource(profiles, name, new Set()))
          return await resolveWithOwnSources(ctx, own, profiles, name, new Set());
        return await sdkProfile(ctx, profiles, name);
      } catch (e: unknown) {
        if (e instanceof CredentialsProviderError && e.source !== undefined && e.source !== 'profile-chain')
          throw chainError(`profile "${name}" (${what}): ${e.message}`, e.recoverable);
        throw sdkError(e, name, what);
      }
    },
  };
}

function chainKey(profile: Readonly<Record<string, string | undefined>>): string | undefined {
  if (profile[E.CONFIG_WEB_IDENTITY_TOKEN_FILE] !== undefined) return undefined;
  return CHAIN_KEYS.find((k) => profile[k] !== undefined && profile[k] !== '');
}

/** Does the chain from `name` end in a `credential_source` (directly or through `source_profile`s)? */
function usesCredentialSource(profiles: Profiles, name: string, seen: Set<string>): boolean {
  const data = profiles[name];
  if (data === undefined || seen.has(name)) return false;
  if (data[E.CONFIG_CREDENTIAL_SOURCE] !== undefined) return true;
  const next = data[E.CONFIG_SOURCE_PROFILE];
  return data[E.CONFIG_ROLE_ARN] !== undefined && next !== undefined
    ? usesCredentialSource(profiles, next, seen.add(name))
    : false;
}

/** Walks `source_profile` links down to the `credential_source`, assuming each role on the way back. */
async function resolveWithOwnSources(
  ctx: SourceContext,
  own: OwnSources,
  profiles: Profiles,
  name: string,
  seen: Set<string>,
): Promise<AwsCredentialIdentity> {
  const data = profiles[name];
  if (data === undefined) throw chainError(`source_profile "${name}" does not exist`, false);
  if (seen.has(name)) throw chainError(`profiles ${[...seen, name].join(' -> ')} form a cycle`, false);
  seen.add(name);
  const credentialSource = data[E.CONFIG_CREDENTIAL_SOURCE];
  const sourceProfile = data[E.CONFIG_SOURCE_PROFILE];
  let source: AwsCredentialIdentity;
  if (credentialSource !== undefined) source = await fromCredentialSource(ctx, own, name, credentialSource);
  else if (sourceProfile !== undefined && usesCredentialSource(profiles, sourceProfile, new Set(seen)))
    source = await resolveWithOwnSources(ctx, own, profiles, sourceProfile, seen);
  else if (sourceProfile !== undefined) {
    source = await sdkProfile(ctx, profiles, sourceProfile);
  } else
    throw chainError(
      `profile "${name}" has neither ${E.CONFIG_SOURCE_PROFILE} nor ${E.CONFIG_CREDENTIAL_SOURCE}`,
      false,
    );
  const roleArn = data[E.CONFIG_ROLE_ARN];
  if (roleArn === undefined) return source;
  if (data[E.CONFIG_MFA_SERIAL] !== undefined) {
    throw chainError(
      `profile "${name}" needs an MFA code (${E.CONFIG_MFA_SERIAL}), which a provider cannot ask for`,
      false,
    );
  }
  const duration = data[E.CONFIG_DURATION_SECONDS];
  const externalId = data[E.CONFIG_EXTERNAL_ID];
  const assume = getDefaultRoleAssumer(clientConfig(ctx, data));
  return assume(source, {
    RoleArn: roleArn,
    RoleSessionName: data[E.CONFIG_ROLE_SESSION_NAME] ?? `keyless-${ctx.clock.now()}`,
    ...(externalId === undefined ? {} : { ExternalId: externalId }),
    ...(duration === undefined ? {} : { DurationSeconds: Number.parseInt(duration, 10) }),
  });
}

/** One profile through the SDK's own `fromIni`, on keyless's file paths, logger and client settings. */
function sdkProfile(ctx: SourceContext, profiles: Profiles, name: string): Promise<AwsCredentialIdentity> {
  return fromIni({
    profile: name,
    filepath: ctx.config.files.credentials,
    configFilepath: ctx.config.files.config,
    ignoreCache: true,
    logger: ctx.logger,
    clientConfig: clientConfig(ctx, profiles[name]),
  })();
}

async function fromCredentialSource(
  ctx: SourceContext,
  own: OwnSources,
  profile: string,
  credentialSource: string,
): Promise<AwsCredentialIdentity> {
  const driver = new Map([
    ['Ec2InstanceMetadata', own.imds],
    ['EcsContainer', own.container],
  ]).get(credentialSource);
  if (driver !== undefined) {
    const skip = await driver.skipReason(ctx);
    if (skip !== undefined) throw chainError(`credential_source ${credentialSource}, but ${skip}`, false);
    return driver.fetch(ctx);
  }
  if (credentialSource === 'Environment') {
    const missing = envKeysMissing(ctx);
    if (missing !== undefined) throw chainError(`credential_source Environment, but ${missing}`, false);
    return envCredentials(ctx, 'profile-chain');
  }
  throw chainError(
    `profile "${profile}" has credential_source "${credentialSource}"; expected Ec2InstanceMetadata, EcsContainer or Environment`,
    false,
  );
}

/**
 * Region and endpoints for the SDK's STS and SSO clients: keyless's own settings (the profile's
 * region, `AWS_REGION`, `AWS_ENDPOINT_URL_STS`), with request timeouts the SDK does not set itself.
 */
function clientConfig(ctx: SourceContext, data: Profiles[string] | undefined): Record<string, unknown> {
  const { region, stsEndpoint } = ctx.settings.webIdentity;
  return {
    region: data?.[E.CONFIG_REGION] ?? region,
    requestHandler: SDK_REQUEST_HANDLER,
    ...(stsEndpoint === undefined ? {} : { endpoint: stsEndpoint }),
  };
}

function chainError(message: string, recoverable: boolean): CredentialsProviderError {
  return new CredentialsProviderError(`profile-chain: ${message}`, { source: 'profile-chain', recoverable });
}

/**
 * The SDK's providers throw `CredentialsProviderError` / `TokenProviderError` for what only the user
 * can fix (an expired SSO token, a failing `credential_process`, a missing profile): not worth a retry.
 * Service and network errors are. The SDK's message is redacted and its error object is not kept,
 * since it can quote a process's output or a token.
 */
function sdkError(thrown: unknown, profile: string, what: string): CredentialsProviderError {
  const e = toError(thrown);
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const configuration = e.name === 'CredentialsProviderError' || e.name === 'TokenProviderError';
  const serviceFault = status !== undefined && (status >= 500 || status === 429);
  const detail = [e.name, status === undefined ? undefined : `HTTP ${status}`].filter(Boolean).join(', ');
  return chainError(
    `profile "${profile}" (${what}) failed (${detail}): ${redactSecrets(e.message, { maxLength: 300 })}`,
    serviceFault || !(configuration || status !== undefined),
  );
}
