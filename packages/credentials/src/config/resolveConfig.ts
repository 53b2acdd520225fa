import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AwsCredentialIdentity } from '@smithy/types';
import { DEFAULT_ROLE_SOURCES, type RoleSource, type StaticKeysPolicy } from '../CredentialSource.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';
import * as E from './envNames.js';
import { parseBoolean, parseCount, parseSeconds } from './parseSetting.js';
import { httpUrl, validateInit } from './validateInit.js';

/** Environment as read by the config module: the only place that looks at `process.env`. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * Everything `fromInstanceRole` needs from its init and the environment, before the shared profile
 * files are read (at fetch time, so a rotated credentials file is picked up). Fields left undefined
 * are filled from the profile or the defaults by `applyProfile`.
 */
export interface ResolvedConfig {
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
  readonly imds: {
    readonly endpoint?: string | undefined;
    readonly endpointMode?: string | undefined;
    readonly disabled?: boolean | undefined;
    readonly allowV1?: boolean | undefined;
    readonly timeoutMs?: number | undefined;
    readonly maxAttempts?: number | undefined;
    readonly instanceProfileName?: string | undefined;
  };
  readonly container: {
    readonly relativeUri?: string | undefined;
    readonly fullUri?: string | undefined;
    readonly token?: string | undefined;
    readonly tokenFile?: string | undefined;
  };
  readonly webIdentity: {
    readonly tokenFile?: string | undefined;
    readonly roleArn?: string | undefined;
    readonly sessionName?: string | undefined;
    readonly stsEndpoint?: string | undefined;
    readonly region?: string | undefined;
  };
  readonly envKeys: {
    readonly accessKeyId?: string | undefined;
    readonly secretAccessKey?: string | undefined;
    readonly sessionToken?: string | undefined;
    readonly expiration?: string | undefined;
  };
}

/**
 * Validates `init` and resolves it against the environment (`init.env`, default `process.env`).
 * Precedence: init, then env; the profile and defaults come later. Bad options or variables throw
 * `TypeError` naming them.
 */
export function resolveConfig(init: FromInstanceRoleInit = {}): ResolvedConfig {
  validateInit(init);
  const env: EnvRecord = init.env ?? process.env;
  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const imdsEndpoint = init.imds?.endpoint ?? get(E.ENV_IMDS_ENDPOINT);
  if (imdsEndpoint !== undefined)
    httpUrl(init.imds?.endpoint ? 'imds.endpoint' : E.ENV_IMDS_ENDPOINT, imdsEndpoint);
  const v1Disabled = parseBoolean(E.ENV_IMDS_V1_DISABLED, get(E.ENV_IMDS_V1_DISABLED));
  const timeoutSeconds = parseSeconds(E.ENV_IMDS_TIMEOUT, get(E.ENV_IMDS_TIMEOUT));
  const home = get('HOME') ?? get('USERPROFILE') ?? homePath(get('HOMEDRIVE'), get('HOMEPATH')) ?? homedir();
  return {
    sources: [...(init.sources ?? DEFAULT_ROLE_SOURCES)],
    staticKeys: init.staticKeys ?? 'warn',
    staticCredentials: init.staticCredentials,
    advisoryWindowMs: init.advisoryWindowMs,
    mandatoryWindowMs: init.mandatoryWindowMs,
    prefetch: init.prefetch ?? true,
    profile: init.profile ?? get(E.ENV_PROFILE) ?? 'default',
    profileSelected: init.profile !== undefined || get(E.ENV_PROFILE) !== undefined,
    lambdaFunctionName: get(E.ENV_LAMBDA_FUNCTION_NAME),
    files: {
      credentials: expandHome(get(E.ENV_CREDENTIALS_FILE) ?? '~/.aws/credentials', home),
      config: expandHome(get(E.ENV_CONFIG_FILE) ?? '~/.aws/config', home),
    },
    imds: {
      endpoint: imdsEndpoint,
      endpointMode: get(E.ENV_IMDS_ENDPOINT_MODE),
      disabled: parseBoolean(E.ENV_IMDS_DISABLED, get(E.ENV_IMDS_DISABLED)),
      allowV1: init.imds?.allowV1 ?? (v1Disabled === undefined ? undefined : !v1Disabled),
      timeoutMs: init.imds?.timeoutMs ?? (timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000),
      maxAttempts:
        init.imds?.maxAttempts ?? parseCount(E.ENV_IMDS_NUM_ATTEMPTS, get(E.ENV_IMDS_NUM_ATTEMPTS)),
      instanceProfileName: get(E.ENV_IMDS_PROFILE_NAME),
    },
    container: {
      relativeUri: get(E.ENV_CONTAINER_RELATIVE_URI),
      fullUri: get(E.ENV_CONTAINER_FULL_URI),
      token: env[E.ENV_CONTAINER_TOKEN] || undefined,
      tokenFile: get(E.ENV_CONTAINER_TOKEN_FILE),
    },
    webIdentity: {
      tokenFile: get(E.ENV_WEB_IDENTITY_TOKEN_FILE),
      roleArn: get(E.ENV_ROLE_ARN),
      sessionName: get(E.ENV_ROLE_SESSION_NAME),
      stsEndpoint: get(E.ENV_ENDPOINT_URL_STS) ?? get(E.ENV_ENDPOINT_URL),
      region: get(E.ENV_REGION) ?? get(E.ENV_DEFAULT_REGION),
    },
    envKeys: {
      accessKeyId: get(E.ENV_ACCESS_KEY_ID),
      secretAccessKey: get(E.ENV_SECRET_ACCESS_KEY),
      sessionToken: get(E.ENV_SESSION_TOKEN),
      expiration: get(E.ENV_CREDENTIAL_EXPIRATION),
    },
  };
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

function homePath(drive: string | undefined, path: string | undefined): string | undefined {
  return path === undefined ? undefined : `${drive ?? 'C:'}${path}`;
}
