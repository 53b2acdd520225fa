import { homedir } from 'node:os';
import { join } from 'node:path';
import { redactSecrets } from '@keyless/redact';
import {
  DEFAULT_ROLE_SOURCES,
  isRoleSource,
  isStaticKeysPolicy,
  type RoleSource,
  type StaticKeysPolicy,
} from '../CredentialSource.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';
import * as E from './envNames.js';
import { fail } from './validateInit.js';

/** Environment as read by the config module: the only place that looks at `process.env`. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

/** Where an effective setting came from, in precedence order. */
export type SettingOrigin = 'init' | 'env' | 'profile' | 'default';

/** One setting's value and where it came from (`from`: the option, variable or profile key). */
interface Resolved<T> {
  readonly value: T;
  readonly origin: SettingOrigin;
  readonly from?: string;
}

/**
 * One row of the table: where a setting may be set, in precedence order (an init option, env
 * variables, a profile key), how each text form is parsed, and its default. The same row serves the
 * constructor's validation (init and env, `TypeError`), the fetch-time resolution (the profile, read
 * at each refresh) and `keyless doctor` (value and origin).
 */
interface Setting<T> {
  /** Init option path, e.g. `imds.timeoutMs`, and its getter and checker (a bad value throws). */
  readonly init?: {
    readonly option: string;
    get(init: FromInstanceRoleInit): unknown;
    check(value: unknown): T;
  };
  readonly env?: readonly string[];
  readonly profile?: string;
  /** Parses the text of an env variable or profile key; `from` names it in the error. */
  readonly parse: (from: string, raw: string) => T;
  readonly default: (env: EnvRecord) => T;
  /** Env text is trimmed and empty means unset, except for values taken verbatim (a token). */
  readonly verbatim?: true;
  /** How `keyless doctor` shows it (a token only by its length). */
  readonly show?: (value: T) => string | number | boolean | null;
}

// Bounds keep every derived timer below the 2^31-1 ms setTimeout limit, which would otherwise fire at
// once (and a deadline of timeoutMs x attempts with it).
const MAX_TIMEOUT_SECONDS = 3600;
const MAX_ATTEMPTS = 10;

const text = (_from: string, raw: string): string => raw;

function bool(from: string, raw: string): boolean {
  const v = raw.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new TypeError(`${from} must be "true" or "false", got "${raw}"`);
}

// The SDKs' metadata_service_timeout is seconds, decimals allowed; keyless keeps milliseconds.
function secondsAsMs(from: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS)
    throw new TypeError(`${from} must be a number of seconds in (0, ${MAX_TIMEOUT_SECONDS}], got "${raw}"`);
  return Math.max(1, Math.round(n * 1000));
}

function attempts(from: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ATTEMPTS)
    throw new TypeError(`${from} must be an integer from 1 to ${MAX_ATTEMPTS}, got "${raw}"`);
  return n;
}

/** Throws the `TypeError` for an invalid URL in option or variable `name`. */
function httpUrl(name: string, value: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new TypeError(`${name} must be an http(s) URL, got "${value}"`);
  return url;
}

function initTimeoutMs(v: unknown): number {
  if (typeof v !== 'number' || !(v > 0 && v <= MAX_TIMEOUT_SECONDS * 1000))
    fail(`imds.timeoutMs must be a number of milliseconds in (0, ${MAX_TIMEOUT_SECONDS * 1000}]`);
  return v;
}

function initAttempts(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_ATTEMPTS)
    fail(`imds.maxAttempts must be an integer from 1 to ${MAX_ATTEMPTS}`);
  return v;
}

const mode = (from: string, raw: string): 'IPv4' | 'IPv6' => {
  if (raw !== 'IPv4' && raw !== 'IPv6') throw new TypeError(`${from} must be IPv4 or IPv6, got "${raw}"`);
  return raw;
};

/** The home directory as the SDKs find it: HOME, USERPROFILE, HOMEDRIVE+HOMEPATH, then the OS. */
export function home(env: EnvRecord): string {
  const get = (name: string) => env[name]?.trim() || undefined;
  const drive = get('HOMEDRIVE');
  const path = get('HOMEPATH');
  return (
    get('HOME') ??
    get('USERPROFILE') ??
    (path === undefined ? undefined : `${drive ?? 'C:'}${path}`) ??
    homedir()
  );
}

// `~/` is expanded by `resolveConfig`, as the SDKs do for these two variables.
const sharedFile = (relative: string) => ({
  parse: text,
  default: (env: EnvRecord) => join(home(env), relative),
});

/** Every setting of `fromInstanceRole`, in the order `keyless doctor` lists them. */
const SETTINGS = {
  profile: {
    init: {
      option: 'profile',
      get: (i) => i.profile,
      check: (v) => (typeof v === 'string' && v !== '' ? v : fail('profile must be a non-empty string')),
    },
    env: [E.ENV_PROFILE],
    parse: text,
    default: () => 'default',
  } satisfies Setting<string>,
  credentialsFile: {
    env: [E.ENV_CREDENTIALS_FILE],
    ...sharedFile('.aws/credentials'),
  } satisfies Setting<string>,
  configFile: { env: [E.ENV_CONFIG_FILE], ...sharedFile('.aws/config') } satisfies Setting<string>,
  sources: {
    init: {
      option: 'sources',
      get: (i) => i.sources,
      check: (v): readonly RoleSource[] => {
        if (!Array.isArray(v) || !v.every(isRoleSource))
          fail(`sources must be an array of ${DEFAULT_ROLE_SOURCES.map((s) => `'${s}'`).join(', ')}`);
        if (new Set(v).size !== v.length) fail('sources must not repeat a source');
        return [...v];
      },
    },
    parse: () => [...DEFAULT_ROLE_SOURCES],
    default: () => [...DEFAULT_ROLE_SOURCES],
    show: (v) => v.join(', '),
  } satisfies Setting<readonly RoleSource[]>,
  staticKeys: {
    init: {
      option: 'staticKeys',
      get: (i) => i.staticKeys,
      check: (v) => (isStaticKeysPolicy(v) ? v : fail("staticKeys must be 'warn', 'deny' or 'allow'")),
    },
    parse: (): StaticKeysPolicy => 'warn',
    default: (): StaticKeysPolicy => 'warn',
  } satisfies Setting<StaticKeysPolicy>,
  'imds.endpoint': {
    init: {
      option: 'imds.endpoint',
      get: (i) => i.imds?.endpoint,
      check: (v) => {
        if (typeof v !== 'string') fail('imds.endpoint must be an http(s) URL');
        try {
          httpUrl('imds.endpoint', v);
        } catch (e: unknown) {
          fail((e as Error).message);
        }
        return v;
      },
    },
    env: [E.ENV_IMDS_ENDPOINT],
    profile: E.CONFIG_IMDS_ENDPOINT,
    parse: (from, raw) => httpUrl(from, raw) && raw,
    // The address for the endpoint mode, filled in by `finish` once the mode is known.
    default: (): string | undefined => undefined,
  } satisfies Setting<string | undefined>,
  'imds.endpointMode': {
    env: [E.ENV_IMDS_ENDPOINT_MODE],
    profile: E.CONFIG_IMDS_ENDPOINT_MODE,
    parse: mode,
    default: (): 'IPv4' | 'IPv6' => 'IPv4',
  } satisfies Setting<'IPv4' | 'IPv6'>,
  'imds.disabled': {
    env: [E.ENV_IMDS_DISABLED],
    profile: E.CONFIG_IMDS_DISABLED,
    parse: bool,
    default: () => false,
  } satisfies Setting<boolean>,
  'imds.allowV1': {
    init: {
      option: 'imds.allowV1',
      get: (i) => i.imds?.allowV1,
      check: (v) => (typeof v === 'boolean' ? v : fail('imds.allowV1 must be a boolean')),
    },
    // The SDKs' setting says the opposite: "v1 disabled".
    env: [E.ENV_IMDS_V1_DISABLED],
    profile: E.CONFIG_IMDS_V1_DISABLED,
    parse: (from, raw) => !bool(from, raw),
    default: () => false,
  } satisfies Setting<boolean>,
  'imds.timeoutMs': {
    init: { option: 'imds.timeoutMs', get: (i) => i.imds?.timeoutMs, check: initTimeoutMs },
    env: [E.ENV_IMDS_TIMEOUT],
    profile: E.CONFIG_IMDS_TIMEOUT,
    parse: secondsAsMs,
    default: () => 1000,
  } satisfies Setting<number>,
  'imds.maxAttempts': {
    init: { option: 'imds.maxAttempts', get: (i) => i.imds?.maxAttempts, check: initAttempts },
    env: [E.ENV_IMDS_NUM_ATTEMPTS],
    profile: E.CONFIG_IMDS_NUM_ATTEMPTS,
    parse: attempts,
    default: () => 3,
  } satisfies Setting<number>,
  'imds.instanceProfileName': {
    env: [E.ENV_IMDS_PROFILE_NAME],
    profile: E.CONFIG_IMDS_PROFILE_NAME,
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'container.relativeUri': {
    env: [E.ENV_CONTAINER_RELATIVE_URI],
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'container.fullUri': {
    env: [E.ENV_CONTAINER_FULL_URI],
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'container.authorizationToken': {
    env: [E.ENV_CONTAINER_TOKEN],
    parse: text,
    verbatim: true,
    default: () => undefined,
    show: (v) => (v === undefined ? null : `set (${v.length} chars)`),
  } satisfies Setting<string | undefined>,
  'container.authorizationTokenFile': {
    env: [E.ENV_CONTAINER_TOKEN_FILE],
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'webIdentity.tokenFile': {
    env: [E.ENV_WEB_IDENTITY_TOKEN_FILE],
    profile: E.CONFIG_WEB_IDENTITY_TOKEN_FILE,
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'webIdentity.roleArn': {
    env: [E.ENV_ROLE_ARN],
    // Only next to web_identity_token_file: elsewhere role_arn is a profile chain's (see `finish`).
    profile: E.CONFIG_ROLE_ARN,
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'webIdentity.sessionName': {
    env: [E.ENV_ROLE_SESSION_NAME],
    profile: E.CONFIG_ROLE_SESSION_NAME,
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  'webIdentity.stsEndpoint': {
    env: [E.ENV_ENDPOINT_URL_STS, E.ENV_ENDPOINT_URL],
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
  region: {
    env: [E.ENV_REGION, E.ENV_DEFAULT_REGION],
    profile: E.CONFIG_REGION,
    parse: text,
    default: () => 'us-east-1',
  } satisfies Setting<string>,
  'lambda.functionName': {
    env: [E.ENV_LAMBDA_FUNCTION_NAME],
    parse: text,
    default: () => undefined,
  } satisfies Setting<string | undefined>,
} as const;

type SettingName = keyof typeof SETTINGS;
type ValueOf<K extends SettingName> =
  | ReturnType<(typeof SETTINGS)[K]['default']>
  | ReturnType<(typeof SETTINGS)[K]['parse']>;
/** Every setting resolved, each with its origin. */
export type SettingValues = { readonly [K in SettingName]: Resolved<ValueOf<K>> };

const NAMES = Object.keys(SETTINGS) as SettingName[];

/** Checks every init option that is a setting, without reading env: bad options throw a `TypeError`. */
export function checkInitSettings(init: FromInstanceRoleInit): void {
  for (const name of NAMES) {
    const row = (SETTINGS[name] as Setting<unknown>).init;
    const value = row?.get(init);
    if (row !== undefined && value !== undefined) row.check(value);
  }
}

/** IMDS addresses per `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`. */
const DEFAULT_IMDS_ENDPOINTS = {
  IPv4: 'http://169.254.169.254',
  IPv6: 'http://[fd00:ec2::254]',
} as const;

/** The shared profile as read at a refresh: its name and keys. */
interface ProfileKeys {
  readonly name: string;
  readonly data: Readonly<Record<string, string | undefined>>;
}

/**
 * Resolves every setting from init, then env, then its default. A bad init option or env value
 * throws a `TypeError` naming it. The profile comes later (`withProfile`), at each refresh.
 */
export function resolveSettings(init: FromInstanceRoleInit, env: EnvRecord): SettingValues {
  const out: Record<string, Resolved<unknown>> = {};
  for (const name of NAMES) {
    const s = SETTINGS[name] as Setting<unknown>;
    out[name] = fromInitOrEnv(s, init, env) ?? { value: s.default(env), origin: 'default' };
  }
  return finish(out as SettingValues);
}

/**
 * Fills every setting that init and env left at its default from the profile, when it has the key.
 * A bad profile value throws a `TypeError` naming the key and the profile.
 */
export function withProfile(values: SettingValues, profile: ProfileKeys): SettingValues {
  const out: Record<string, Resolved<unknown>> = { ...values };
  for (const name of NAMES) {
    const s = SETTINGS[name] as Setting<unknown>;
    const raw = s.profile === undefined ? undefined : profile.data[s.profile]?.trim() || undefined;
    if (s.profile === undefined || raw === undefined || values[name].origin !== 'default') continue;
    const from = `${s.profile} in profile "${profile.name}"`;
    out[name] = { value: s.parse(from, raw), origin: 'profile', from };
  }
  // role_arn in a profile is a web identity setting only next to a web identity token file.
  if (out['webIdentity.roleArn']?.origin === 'profile' && out['webIdentity.tokenFile']?.value === undefined)
    out['webIdentity.roleArn'] = { value: undefined, origin: 'default' };
  return finish(out as SettingValues);
}

function fromInitOrEnv(
  s: Setting<unknown>,
  init: FromInstanceRoleInit,
  env: EnvRecord,
): Resolved<unknown> | undefined {
  const fromInit = s.init?.get(init);
  if (s.init !== undefined && fromInit !== undefined)
    return { value: s.init.check(fromInit), origin: 'init', from: s.init.option };
  for (const name of s.env ?? []) {
    const raw = s.verbatim === true ? env[name] || undefined : env[name]?.trim() || undefined;
    if (raw !== undefined) return { value: s.parse(name, raw), origin: 'env', from: name };
  }
  return undefined;
}

/** Settings whose default depends on another: the IMDS address on the endpoint mode. */
function finish(values: SettingValues): SettingValues {
  const endpoint = values['imds.endpoint'];
  if (endpoint.origin !== 'default') return values;
  const value = DEFAULT_IMDS_ENDPOINTS[values['imds.endpointMode'].value];
  return { ...values, 'imds.endpoint': { value, origin: 'default' } };
}

/** The settings as `keyless doctor` lists them: name, shown value, origin and where it came from. */
export function describeSettings(values: SettingValues): {
  name: string;
  value: string | number | boolean | null;
  origin: SettingOrigin;
  from?: string;
}[] {
  return NAMES.map((name) => {
    const { value, origin, from } = values[name];
    const show = (SETTINGS[name] as Setting<unknown>).show;
    const raw =
      show !== undefined ? show(value) : value === undefined ? null : (value as string | number | boolean);
    // A URL's password or query (AWS_CONTAINER_CREDENTIALS_FULL_URI) is never printed.
    const shown = typeof raw === 'string' && /:\/\/|[?#]/.test(raw) ? redactSecrets(raw) : raw;
    return { name, value: shown, origin, ...(from === undefined ? {} : { from }) };
  });
}
