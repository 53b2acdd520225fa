import type { Settings } from '../config/applyProfile.js';
import * as E from '../config/envNames.js';
import type { ProfileData } from '../config/loadProfile.js';
import type { EnvRecord, ResolvedConfig } from '../config/resolveConfig.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';
import type { DoctorSetting } from './DoctorReport.js';

/** Where a setting may be set, in precedence order: an init option, env vars, a profile key. */
interface Lookup {
  readonly name: string;
  readonly value: DoctorSetting['value'] | undefined;
  readonly init?: readonly [option: string, value: unknown];
  readonly env?: readonly string[];
  readonly profile?: string;
}

/**
 * The settings `fromInstanceRole` would run with, each with where it came from. The values are the
 * config module's own resolution (`resolveConfig`, then `applyProfile`); this only names their origin
 * by the same precedence: init, env, profile, default.
 */
export function effectiveSettings(
  init: FromInstanceRoleInit,
  env: EnvRecord,
  config: ResolvedConfig,
  settings: Settings,
  profile: ProfileData,
): DoctorSetting[] {
  const { imds, webIdentity } = settings;
  const c = config.container;
  const lookups: Lookup[] = [
    { name: 'profile', value: config.profile, init: ['profile', init.profile], env: [E.ENV_PROFILE] },
    { name: 'credentialsFile', value: config.files.credentials, env: [E.ENV_CREDENTIALS_FILE] },
    { name: 'configFile', value: config.files.config, env: [E.ENV_CONFIG_FILE] },
    { name: 'sources', value: config.sources.join(', '), init: ['sources', init.sources] },
    { name: 'staticKeys', value: config.staticKeys, init: ['staticKeys', init.staticKeys] },
    {
      name: 'imds.endpoint',
      value: imds.endpoint,
      init: ['imds.endpoint', init.imds?.endpoint],
      env: [E.ENV_IMDS_ENDPOINT],
      profile: E.CONFIG_IMDS_ENDPOINT,
    },
    {
      name: 'imds.endpointMode',
      value: config.imds.endpointMode ?? trimmed(profile[E.CONFIG_IMDS_ENDPOINT_MODE]) ?? 'IPv4',
      env: [E.ENV_IMDS_ENDPOINT_MODE],
      profile: E.CONFIG_IMDS_ENDPOINT_MODE,
    },
    {
      name: 'imds.disabled',
      value: imds.disabled,
      env: [E.ENV_IMDS_DISABLED],
      profile: E.CONFIG_IMDS_DISABLED,
    },
    {
      name: 'imds.allowV1',
      value: imds.allowV1,
      init: ['imds.allowV1', init.imds?.allowV1],
      env: [E.ENV_IMDS_V1_DISABLED],
      profile: E.CONFIG_IMDS_V1_DISABLED,
    },
    {
      name: 'imds.timeoutMs',
      value: imds.timeoutMs,
      init: ['imds.timeoutMs', init.imds?.timeoutMs],
      env: [E.ENV_IMDS_TIMEOUT],
      profile: E.CONFIG_IMDS_TIMEOUT,
    },
    {
      name: 'imds.maxAttempts',
      value: imds.maxAttempts,
      init: ['imds.maxAttempts', init.imds?.maxAttempts],
      env: [E.ENV_IMDS_NUM_ATTEMPTS],
      profile: E.CONFIG_IMDS_NUM_ATTEMPTS,
    },
    {
      name: 'imds.instanceProfileName',
      value: imds.instanceProfileName,
      env: [E.ENV_IMDS_PROFILE_NAME],
      profile: E.CONFIG_IMDS_PROFILE_NAME,
    },
    { name: 'container.relativeUri', value: c.relativeUri, env: [E.ENV_CONTAINER_RELATIVE_URI] },
    { name: 'container.fullUri', value: c.fullUri, env: [E.ENV_CONTAINER_FULL_URI] },
    {
      name: 'container.authorizationToken',
      value: c.token === undefined ? undefined : `set (${c.token.length} chars)`,
      env: [E.ENV_CONTAINER_TOKEN],
    },
    { name: 'container.authorizationTokenFile', value: c.tokenFile, env: [E.ENV_CONTAINER_TOKEN_FILE] },
    {
      name: 'webIdentity.tokenFile',
      value: webIdentity.tokenFile,
      env: [E.ENV_WEB_IDENTITY_TOKEN_FILE],
      profile: E.CONFIG_WEB_IDENTITY_TOKEN_FILE,
    },
    {
      name: 'webIdentity.roleArn',
      value: webIdentity.roleArn,
      env: [E.ENV_ROLE_ARN],
      profile: E.CONFIG_ROLE_ARN,
    },
    {
      name: 'webIdentity.sessionName',
      value: webIdentity.sessionName,
      env: [E.ENV_ROLE_SESSION_NAME],
      profile: E.CONFIG_ROLE_SESSION_NAME,
    },
    {
      name: 'webIdentity.stsEndpoint',
      value: webIdentity.stsEndpoint,
      env: [E.ENV_ENDPOINT_URL_STS, E.ENV_ENDPOINT_URL],
    },
    {
      name: 'region',
      value: webIdentity.region,
      env: [E.ENV_REGION, E.ENV_DEFAULT_REGION],
      profile: E.CONFIG_REGION,
    },
  ];
  return lookups.map((l) => ({
    name: l.name,
    value: l.value ?? null,
    ...originOf(l, env, config.profile, profile),
  }));
}

function originOf(
  l: Lookup,
  env: EnvRecord,
  profileName: string,
  profile: ProfileData,
): Pick<DoctorSetting, 'origin' | 'from'> {
  // An unset value has no origin but the default, whatever keys lie around unused (e.g. a profile
  // role_arn without web_identity_token_file).
  if (l.value === undefined) return { origin: 'default' };
  if (l.init !== undefined && l.init[1] !== undefined) return { origin: 'init', from: l.init[0] };
  const envName = l.env?.find((n) => trimmed(env[n]) !== undefined);
  if (envName !== undefined) return { origin: 'env', from: envName };
  if (l.profile !== undefined && trimmed(profile[l.profile]) !== undefined)
    return { origin: 'profile', from: `${l.profile} in profile "${profileName}"` };
  return { origin: 'default' };
}

function trimmed(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
}
