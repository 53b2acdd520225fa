import { createHash } from 'node:crypto';
import type { Clock } from '../Clock.js';
import type { CredentialStore } from '../credentials/CredentialStore.js';
import { newRequestId } from '../credentials/keyMaterial.js';
import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import type { SsoTokens } from './SsoTokens.js';

export interface SsoState {
  store: CredentialStore;
  tokens: SsoTokens;
  clock: Clock;
  /** The one account the portal grants roles in; any other account gets `ForbiddenException`. */
  accountId: string;
}

export const SSO_PATH = '/federation/credentials';
export const SSO_TOKEN_HEADER = 'x-amz-sso_bearer_token';
/** A permission set's default session duration. */
const SSO_ROLE_SESSION_MS = 3_600_000;
/** The IAM Identity Center user every portal session belongs to (the session name of its ARNs). */
const SSO_USER = 'keyless-emulator-user';
const ROLE_NAME = /^[\w+=,.@-]{1,32}$/;

/** Status and message the portal sends with each error (restJson1: `x-amzn-errortype` and `{message}`). */
const ERRORS: Record<string, { status: number; message: string }> = {
  InvalidRequestException: { status: 400, message: 'Invalid request' },
  UnauthorizedException: { status: 401, message: 'Session token not found or invalid' },
  ForbiddenException: { status: 403, message: 'No access' },
  ResourceNotFoundException: { status: 404, message: 'Resource not found' },
  TooManyRequestsException: { status: 429, message: 'Too many requests' },
  InternalServerException: { status: 500, message: 'Internal server error' },
  ServiceUnavailableException: { status: 503, message: 'Service unavailable' },
};

/** An error reply of the portal; `code` outside its known set is sent with status 400. */
export function ssoError(code: string, message?: string, status?: number): EmulatorResponse {
  const known = ERRORS[code];
  return {
    status: status ?? known?.status ?? 400,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': code,
      'x-amzn-requestid': newRequestId(),
    },
    body: JSON.stringify({ message: message ?? known?.message ?? code }),
    format: 'json',
  };
}

/** The portal's error code for a status a fault asks for. */
export function ssoErrorCodeFor(status: number): string {
  for (const [code, e] of Object.entries(ERRORS)) if (e.status === status) return code;
  return status >= 500 ? 'InternalServerException' : 'InvalidRequestException';
}

/** What a fault changes: an error code instead of the result, or the expiry of the issued set. */
export interface SsoEffects {
  code?: string;
  expiresAt?: number;
}

/**
 * IAM Identity Center's `GetRoleCredentials`: `GET /federation/credentials?role_name=&account_id=`
 * with the access token in `x-amz-sso_bearer_token` (no SigV4). Any role name in the emulator's
 * account is granted; the set belongs to the `AWSReservedSSO_{role}_{id}` role, as on AWS.
 */
export function handleSso(req: EmulatorRequest, state: SsoState, effects: SsoEffects = {}): EmulatorResponse {
  if (req.method !== 'GET') return ssoError('InvalidRequestException', `${req.method} is not supported`, 405);
  const token = headerValue(req.headers, SSO_TOKEN_HEADER);
  if (token === undefined || !state.tokens.isValid(token)) return ssoError('UnauthorizedException');
  const roleName = req.query.get('role_name');
  const accountId = req.query.get('account_id');
  if (roleName === null || accountId === null)
    return ssoError('InvalidRequestException', 'role_name and account_id are required');
  if (accountId !== state.accountId || !ROLE_NAME.test(roleName)) return ssoError('ForbiddenException');
  if (effects.code !== undefined) return ssoError(effects.code);
  const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
  const set = state.store.issue({
    roleName: `AWSReservedSSO_${roleName}_${suffix}`,
    accountId,
    sessionName: SSO_USER,
    source: 'sso',
    lifetimeMs: SSO_ROLE_SESSION_MS,
    ...(effects.expiresAt !== undefined && { expiresAt: effects.expiresAt }),
  });
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': newRequestId() },
    body: JSON.stringify({
      roleCredentials: {
        accessKeyId: set.accessKeyId,
        secretAccessKey: set.secretAccessKey,
        sessionToken: set.sessionToken,
        // Epoch milliseconds, as the portal sends it.
        expiration: set.expiration.getTime(),
      },
    }),
    format: 'json',
  };
}
