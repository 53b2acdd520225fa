import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import { toError } from '../toError.js';
import * as E from './envNames.js';
import type { ProfileData } from './loadProfile.js';
import { parseBoolean, parseCount, parseSeconds } from './parseSetting.js';
import type { ResolvedConfig } from './resolveConfig.js';
import { httpUrl } from './validateInit.js';

/** IMDS addresses per `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`. */
export const DEFAULT_IMDS_ENDPOINTS = {
  IPv4: 'http://169.254.169.254',
  IPv6: 'http://[fd00:ec2::254]',
} as const;
export const DEFAULT_IMDS_TIMEOUT_MS = 1000;
export const DEFAULT_IMDS_MAX_ATTEMPTS = 3;
export const DEFAULT_REGION = 'us-east-1';

/** Settings after init, env, profile and defaults, in that precedence. */
export interface Settings {
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

/** Fills what init and env left open from the profile, then the defaults. */
export function applyProfile(config: ResolvedConfig, profile: ProfileData): Settings {
  const where = (key: string): string => `${key} in profile "${config.profile}" (${config.files.config})`;
  const p = (key: string): string | undefined => {
    const v = profile[key]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  try {
    const endpoint = config.imds.endpoint ?? p(E.CONFIG_IMDS_ENDPOINT);
    if (endpoint !== undefined && config.imds.endpoint === undefined)
      httpUrl(where(E.CONFIG_IMDS_ENDPOINT), endpoint);
    const mode = config.imds.endpointMode ?? p(E.CONFIG_IMDS_ENDPOINT_MODE) ?? 'IPv4';
    if (mode !== 'IPv4' && mode !== 'IPv6') {
      throw new TypeError(
        `${E.ENV_IMDS_ENDPOINT_MODE} / ${E.CONFIG_IMDS_ENDPOINT_MODE} must be IPv4 or IPv6, got "${mode}"`,
      );
    }
    const v1Disabled = parseBoolean(where(E.CONFIG_IMDS_V1_DISABLED), p(E.CONFIG_IMDS_V1_DISABLED));
    const timeoutSeconds = parseSeconds(where(E.CONFIG_IMDS_TIMEOUT), p(E.CONFIG_IMDS_TIMEOUT));
    const webTokenFile = config.webIdentity.tokenFile ?? p(E.CONFIG_WEB_IDENTITY_TOKEN_FILE);
    return {
      imds: {
        endpoint: endpoint ?? DEFAULT_IMDS_ENDPOINTS[mode],
        explicitEndpoint: endpoint !== undefined,
        disabled:
          config.imds.disabled ??
          parseBoolean(where(E.CONFIG_IMDS_DISABLED), p(E.CONFIG_IMDS_DISABLED)) ??
          false,
        allowV1: config.imds.allowV1 ?? (v1Disabled === undefined ? false : !v1Disabled),
        timeoutMs:
          config.imds.timeoutMs ??
          (timeoutSeconds === undefined ? DEFAULT_IMDS_TIMEOUT_MS : timeoutSeconds * 1000),
        maxAttempts:
          config.imds.maxAttempts ??
          parseCount(where(E.CONFIG_IMDS_NUM_ATTEMPTS), p(E.CONFIG_IMDS_NUM_ATTEMPTS)) ??
          DEFAULT_IMDS_MAX_ATTEMPTS,
        instanceProfileName: config.imds.instanceProfileName ?? p(E.CONFIG_IMDS_PROFILE_NAME),
      },
      webIdentity: {
        tokenFile: webTokenFile,
        // role_arn in a profile is only a web identity setting next to web_identity_token_file.
        roleArn:
          config.webIdentity.roleArn ?? (webTokenFile === undefined ? undefined : p(E.CONFIG_ROLE_ARN)),
        sessionName: config.webIdentity.sessionName ?? p(E.CONFIG_ROLE_SESSION_NAME),
        stsEndpoint: config.webIdentity.stsEndpoint,
        region: config.webIdentity.region ?? p(E.CONFIG_REGION) ?? DEFAULT_REGION,
      },
    };
  } catch (e: unknown) {
    throw new CredentialsProviderError(`invalid shared config: ${toError(e).message}`, {
      recoverable: false,
      tryNextLink: false,
    });
  }
}
