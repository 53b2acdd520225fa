import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toIsoSeconds } from '../credentials/timestamps.js';
import type { SsoToken } from './SsoTokens.js';

/** Options of `emu.writeSsoProfile()`. */
export interface SsoProfileInit {
  /** An existing directory that stands in for the home directory: use a fresh temporary one per test. */
  home: string;
  /** The profile name. Default `keyless-sso`. */
  profile?: string;
  /** The permission set (`sso_role_name`). Default `KeylessEmulatorAccess`. */
  roleName?: string;
  /** `sso_account_id`. Default: the emulator's account (any other account gets `ForbiddenException`). */
  accountId?: string;
  /**
   * The `[sso-session NAME]` the profile points at (`sso_session`), default `keyless-emulator`; `false`
   * writes a legacy profile with `sso_start_url` and `sso_region` in it instead.
   */
  ssoSession?: string | false;
  /** Lifetime of the access token, on the emulator's clock. Default 8 hours. */
  tokenLifetimeMs?: number;
}

/** What `emu.writeSsoProfile()` wrote, and the environment that makes the SDK use it. */
export interface SsoProfile {
  readonly profile: string;
  readonly configFile: string;
  /** The `~/.aws/sso/cache/<sha1>.json` file `aws sso login` would have written. */
  readonly tokenFile: string;
  readonly token: SsoToken;
  /**
   * `HOME` (where the SDK looks for the token cache), `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`
   * (an absent file, so no credentials of the real home leak in), `AWS_PROFILE` and `AWS_ENDPOINT_URL_SSO`.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** What the writer needs from the running emulator. */
export interface SsoProfileTarget {
  url: string;
  accountId: string;
  region: string;
  login(lifetimeMs: number | undefined): SsoToken;
}

const START_URL = 'https://keyless-emulator.awsapps.com/start';
const NAME = /^[\w.@+-]{1,64}$/;

function name(option: string, value: string): string {
  if (!NAME.test(value)) throw new TypeError(`writeSsoProfile: bad ${option} ${JSON.stringify(value)}`);
  return value;
}

/**
 * Writes what `aws configure sso` and `aws sso login` leave behind: a profile (with its
 * `[sso-session]`, or legacy) in `<home>/.aws/config` and a cached access token the emulator accepts
 * in `<home>/.aws/sso/cache`, so `fromSSO()`, `fromIni()` and the default chain resolve it offline.
 * The config file is replaced, so one call per home.
 */
export async function writeSsoProfile(target: SsoProfileTarget, init: SsoProfileInit): Promise<SsoProfile> {
  if (typeof init?.home !== 'string' || init.home === '')
    throw new TypeError('writeSsoProfile: home must be a directory path');
  const profile = name('profile', init.profile ?? 'keyless-sso');
  const roleName = name('roleName', init.roleName ?? 'KeylessEmulatorAccess');
  const accountId = init.accountId ?? target.accountId;
  if (!/^\d{12}$/.test(accountId)) throw new TypeError('writeSsoProfile: accountId must be 12 digits');
  const session =
    init.ssoSession === false ? undefined : name('ssoSession', init.ssoSession ?? 'keyless-emulator');
  const token = target.login(init.tokenLifetimeMs);
  const awsDir = join(init.home, '.aws');
  const cacheDir = join(awsDir, 'sso', 'cache');
  await mkdir(cacheDir, { recursive: true });
  const profileLines = [
    `[profile ${profile}]`,
    ...(session === undefined
      ? [`sso_start_url = ${START_URL}`, `sso_region = ${target.region}`]
      : [`sso_session = ${session}`]),
    `sso_account_id = ${accountId}`,
    `sso_role_name = ${roleName}`,
    `region = ${target.region}`,
  ];
  const sessionLines =
    session === undefined
      ? []
      : [
          '',
          `[sso-session ${session}]`,
          `sso_start_url = ${START_URL}`,
          `sso_region = ${target.region}`,
          'sso_registration_scopes = sso:account:access',
        ];
  const configFile = join(awsDir, 'config');
  await writeFile(configFile, `${[...profileLines, ...sessionLines].join('\n')}\n`);
  // The SDK names the cache file after the SHA-1 of the session name, or of the start URL (legacy).
  const cacheKey = createHash('sha1')
    .update(session ?? START_URL)
    .digest('hex');
  const tokenFile = join(cacheDir, `${cacheKey}.json`);
  await writeFile(
    tokenFile,
    `${JSON.stringify(
      {
        startUrl: START_URL,
        region: target.region,
        accessToken: token.accessToken,
        expiresAt: toIsoSeconds(token.expiresAt),
      },
      null,
      2,
    )}\n`,
    { mode: 0o600 },
  );
  return {
    profile,
    configFile,
    tokenFile,
    token,
    env: Object.freeze({
      HOME: init.home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
      AWS_PROFILE: profile,
      AWS_ENDPOINT_URL_SSO: target.url,
    }),
  };
}
