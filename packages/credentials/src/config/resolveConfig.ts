import { join } from 'node:path';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { RoleSource, StaticKeysPolicy } from '../CredentialSource.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';
import { toError } from '../toError.js';
import * as E from './envNames.js';
import type { ProfileData } from './loadProfile.js';
import { type EnvRecord, home, resolveSettings, type SettingValues, withProfile } from './settingTable.js';
import { validateInit } from './validateInit.js';

/**
 * Everything `fromInstanceRole` needs from its init and the environment, before the shared profile
 * files are read (at fetch time, so a rotated credentials file is picked up). `values` holds every
 * setting of the table as init and env left it; `applyProfile` adds the profile.
 */
export interface ResolvedConfig {
  readonly values: SettingValues;
  readonly sources: readonly RoleSource[];
  readonly staticKeys: StaticKeysPolicy;
  readonly staticCredentials: AwsCredentialIdentity | undefined;
  readonly advisoryWindowMs: number | undefined;
  readonly mandatoryWindowMs: number | undefined;
  readonly prefetch: boolean;
  readonly profile: string;
  /** The profile was chosen (init `profile` or `AWS_PROFILE`), not the `default` fallback. */
  readonly profileSelected: boolean;
  /** `AWS_LAMBDA_FUNCTION_NAME`: set by the Lambda runtime, so this process runs on AWS Lambda. */
  readonly lambdaFunctionName: string | undefined;
  readonly files: { readonly credentials: string; readonly config: string };
  readonly container: {
    readonly relativeUri: string | undefined;
    readonly fullUri: string | undefined;
    readonly token: string | undefined;
    readonly tokenFile: string | undefined;
  };
  /** The key pair in env; not a setting (never shown, never in the table). */
  readonly envKeys: {
    readonly accessKeyId?: string | undefined;
    readonly secretAccessKey?: string | undefined;
    readonly sessionToken?: string | undefined;
    readonly expiration?: string | undefined;
  };
}

/** Settings after init, env, profile and defaults, in that precedence. */
export interface Settings {
  readonly values: SettingValues;
  readonly imds: {
    readonly endpoint: string;
    /** Set by init, env or profile: the platform hint is not consulted. */
    readonly explicitEndpoint: boolean;
    readonly disabled: boolean;
    readonly allowV1: boolean;
    readonly timeoutMs: number;
    readonly maxAttempts: number;
    readonly instanceProfileName: string | undefined;
  };
  readonly webIdentity: {
    readonly tokenFile: string | undefined;
    readonly roleArn: string | undefined;
    readonly sessionName: string | undefined;
    readonly stsEndpoint: string | undefined;
    readonly region: string;
  };
}

/**
 * Validates `init` and resolves it against the environment (`init.env`, default `process.env`)
 * through the settings table. Bad options or variables throw `TypeError` naming them.
 */
export function resolveConfig(init: FromInstanceRoleInit = {}): ResolvedConfig {
  validateInit(init);
  const env: EnvRecord = init.env ?? process.env;
  const values = resolveSettings(init, env);
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const expand = (path: string): string => (path.startsWith('~/') ? join(home(env), path.slice(2)) : path);
  return {
    values,
    sources: values.sources.value,
    staticKeys: values.staticKeys.value,
    staticCredentials: init.staticCredentials,
    advisoryWindowMs: init.advisoryWindowMs,
    mandatoryWindowMs: init.mandatoryWindowMs,
    prefetch: init.prefetch ?? true,
    profile: values.profile.value,
    profileSelected: values.profile.origin !== 'default',
    lambdaFunctionName: values['lambda.functionName'].value,
    files: { credentials: expand(values.credentialsFile.value), config: expand(values.configFile.value) },
    container: {
      relativeUri: values['container.relativeUri'].value,
      fullUri: values['container.fullUri'].value,
      token: values['container.authorizationToken'].value,
      tokenFile: values['container.authorizationTokenFile'].value,
    },
    envKeys: {
      accessKeyId: get(E.ENV_ACCESS_KEY_ID),
      secretAccessKey: get(E.ENV_SECRET_ACCESS_KEY),
      sessionToken: get(E.ENV_SESSION_TOKEN),
      expiration: get(E.ENV_CREDENTIAL_EXPIRATION),
    },
  };
}

/**
 * Fills what init and env left open from the profile, then the defaults. A bad profile value is a
 * non-recoverable configuration error naming the key, the profile and the file.
 */
export function applyProfile(config: ResolvedConfig, profile: ProfileData): Settings {
  let v: SettingValues;
  try {
    v = withProfile(config.values, { name: config.profile, data: profile });
  } catch (e: unknown) {
    throw new CredentialsProviderError(
      `invalid shared config (${config.files.config}): ${toError(e).message}`,
      {
        recoverable: false,
        tryNextLink: false,
      },
    );
  }
  return {
    values: v,
    imds: {
      endpoint: v['imds.endpoint'].value ?? '',
      explicitEndpoint: v['imds.endpoint'].origin !== 'default',
      disabled: v['imds.disabled'].value,
      allowV1: v['imds.allowV1'].value,
      timeoutMs: v['imds.timeoutMs'].value,
      maxAttempts: v['imds.maxAttempts'].value,
      instanceProfileName: v['imds.instanceProfileName'].value,
    },
    webIdentity: {
      tokenFile: v['webIdentity.tokenFile'].value,
      roleArn: v['webIdentity.roleArn'].value,
      sessionName: v['webIdentity.sessionName'].value,
      stsEndpoint: v['webIdentity.stsEndpoint'].value,
      region: v.region.value,
    },
  };
}
