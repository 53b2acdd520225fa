import { randomBytes, randomInt } from 'node:crypto';
import { SYSTEM_CLOCK } from './Clock.js';
import { newInstanceId } from './credentials/keyMaterial.js';
import type { EmulatorOptions } from './index.js';
import { NO_OP_LOGGER } from './Logger.js';

export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'webIdentityTokens' | 'extraCredentialMembers' | 'allowedHosts'>
> & {
  webIdentityTokens: readonly string[];
  allowedHosts: readonly string[];
  extraCredentialMembers: Readonly<Record<string, string>>;
  instanceId: string;
};

export const DEFAULT_ROLE_NAME = 'keyless-emulator-role';
export const DEFAULT_ACCOUNT_ID = '111122223333';
export const DEFAULT_CREDENTIAL_LIFETIME_MS = 6 * 3_600_000;
export const DEFAULT_ROTATION_LEAD_MS = 15 * 60_000;
export const DEFAULT_S3_STORE_BYTES = 32 * 1024 * 1024;
const DEFAULT_REQUEST_LOG_BYTES = 64 * 1024 * 1024;
/** A DNS name or a leading-dot domain, as `Host` carries it (lower case, no port). */
const HOST_NAME = /^\.?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** A JWT-shaped token (unsigned header and claims, random signature) such as EKS projects into pods. */
function newWebIdentityToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', kid: 'keyless-emulator' });
  const claims = part({
    iss: 'https://oidc.eks.us-east-1.amazonaws.com/id/KEYLESSEMULATOR',
    sub: 'system:serviceaccount:default:keyless',
    aud: ['sts.amazonaws.com'],
  });
  return `${header}.${claims}.${randomBytes(64).toString('base64url')}`;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new TypeError(`startEmulator: ${name} must be a positive integer, got ${value}`);
  return value;
}

/** Applies defaults and throws a TypeError naming the first bad option. */
export function resolveOptions(input: EmulatorOptions = {}): ResolvedOptions {
  const lifetime = positiveInteger(
    'credentialLifetimeMs',
    input.credentialLifetimeMs ?? DEFAULT_CREDENTIAL_LIFETIME_MS,
  );
  const lead = input.rotationLeadMs ?? Math.min(DEFAULT_ROTATION_LEAD_MS, Math.floor(lifetime / 2));
  if (!Number.isSafeInteger(lead) || lead < 0 || lead >= lifetime) {
    throw new TypeError(
      `startEmulator: rotationLeadMs must be an integer from 0 to below credentialLifetimeMs (${lifetime}), got ${lead}`,
    );
  }
  const port = input.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new TypeError(`startEmulator: port must be 0..65535, got ${port}`);
  const roleName = input.roleName ?? DEFAULT_ROLE_NAME;
  if (!ROLE_NAME.test(roleName))
    throw new TypeError(
      `startEmulator: roleName must match [\\w+=,.@-]{1,64}, got ${JSON.stringify(roleName)}`,
    );
  const accountId = input.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new TypeError('startEmulator: accountId must be 12 digits');
  const containerAuthToken = input.containerAuthToken ?? randomBytes(30).toString('base64url');
  if (containerAuthToken === '' || /[\r\n]/.test(containerAuthToken)) {
    throw new TypeError('startEmulator: containerAuthToken must be non-empty and contain no CR or LF');
  }
  const containerCredentialsId = input.containerCredentialsId ?? globalThis.crypto.randomUUID();
  if (!/^[\w.-]+$/.test(containerCredentialsId))
    throw new TypeError('startEmulator: containerCredentialsId must be a plain path segment');
  const webIdentityTokens = input.webIdentityTokens ?? [newWebIdentityToken()];
  if (webIdentityTokens.length === 0 || webIdentityTokens.some((t) => typeof t !== 'string' || t === '')) {
    throw new TypeError('startEmulator: webIdentityTokens must be a non-empty list of non-empty strings');
  }
  const allowedHosts = input.allowedHosts ?? [];
  if (!Array.isArray(allowedHosts))
    throw new TypeError('startEmulator: allowedHosts must be an array of host names');
  for (const host of allowedHosts) {
    if (typeof host !== 'string' || !HOST_NAME.test(host))
      throw new TypeError(
        `startEmulator: allowedHosts entries must be lower-case host names such as emulator or .example.test, got ${JSON.stringify(host)}`,
      );
  }
  const extra = input.extraCredentialMembers ?? {};
  const reserved = [
    'Code',
    'LastUpdated',
    'Type',
    'AccessKeyId',
    'SecretAccessKey',
    'Token',
    'Expiration',
    'AccountId',
    'RoleArn',
  ];
  for (const [key, value] of Object.entries(extra)) {
    if (reserved.includes(key) || typeof value !== 'string') {
      throw new TypeError(
        `startEmulator: extraCredentialMembers.${key} must be a string and not a standard member`,
      );
    }
  }
  return {
    host: input.host ?? '127.0.0.1',
    port,
    roleName,
    accountId,
    region: input.region ?? 'us-east-1',
    credentialLifetimeMs: lifetime,
    rotationLeadMs: lead,
    allowV1: input.allowV1 ?? false,
    extendedApi: input.extendedApi ?? true,
    fractionalTimestamps: input.fractionalTimestamps ?? false,
    extraCredentialMembers: { ...extra },
    containerAuthToken,
    containerCredentialsId,
    webIdentityTokens: [...webIdentityTokens],
    seed: input.seed ?? randomInt(2 ** 31),
    maxBodyBytes: positiveInteger('maxBodyBytes', input.maxBodyBytes ?? 64 * 1024),
    s3StoreBytes: positiveInteger('s3StoreBytes', input.s3StoreBytes ?? DEFAULT_S3_STORE_BYTES),
    requestLogLimit: positiveInteger('requestLogLimit', input.requestLogLimit ?? 100_000),
    requestLogBytes: positiveInteger('requestLogBytes', input.requestLogBytes ?? DEFAULT_REQUEST_LOG_BYTES),
    allowedHosts: [...allowedHosts],
    clock: input.clock ?? SYSTEM_CLOCK,
    logger: input.logger ?? NO_OP_LOGGER,
    instanceId: newInstanceId(),
  };
}
