import type { CredentialSet } from '../credentials/CredentialSet.js';
import type { CredentialStore } from '../credentials/CredentialStore.js';
import { toIso, toIsoFractional } from '../credentials/timestamps.js';
import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';

export interface ContainerState {
  store: CredentialStore;
  /** The id in `/v2/credentials/{id}` (ECS, `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`). */
  credentialsId: string;
  /** What the FULL_URI endpoint expects in `Authorization`, compared verbatim. */
  authToken: string;
  /** Millisecond fractions on the ECS `Expiration` (EKS always sends them). */
  fractionalTimestamps: boolean;
  /** Extra members appended to credential documents; clients must ignore them. */
  extraMembers: Readonly<Record<string, string>>;
}

/** ECS agent errors are JSON `{code, message}`. */
export function ecsError(status: number, code: string, message: string): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, message }),
    format: 'json',
  };
}

/** EKS Pod Identity agent errors are plain text (Go's `http.Error`). */
export function eksError(status: number, message: string): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: `${message}\n`,
    format: 'text',
  };
}

/** Whether a container request is EKS style (FULL_URI `/v1/credentials` without an ECS `id` query). */
export function isEksRequest(req: EmulatorRequest): boolean {
  return /^\/v1\/credentials\/?$/.test(req.path) && !req.query.has('id');
}

/**
 * Serves both container personalities: the ECS agent's `/v2/credentials/{id}` (and legacy
 * `/v1/credentials?id=`), and the EKS Pod Identity agent's `/v1/credentials`, which checks the
 * `Authorization` header verbatim.
 */
export function handleContainer(
  req: EmulatorRequest,
  state: ContainerState,
  override?: CredentialSet,
): EmulatorResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return {
      ...eksError(405, 'Method Not Allowed'),
      headers: { 'content-type': 'text/plain', allow: 'GET, HEAD' },
    };
  }
  if (isEksRequest(req)) return handleEks(req, state, override);
  const v2 = /^\/v2\/credentials(?:\/(.*))?$/.exec(req.path);
  const id =
    v2 !== null ? (v2[1] ?? '') : req.path === '/v1/credentials' ? (req.query.get('id') ?? '') : undefined;
  if (id === undefined) return ecsError(404, 'NotFound', `No handler for ${req.path}`);
  const prefix = v2 !== null ? 'CredentialsV2Request' : 'CredentialsV1Request';
  if (id === '') return ecsError(400, 'NoIdInRequest', `${prefix}: No Credential ID in the request`);
  if (id !== state.credentialsId || !state.store.attached) {
    return ecsError(400, 'InvalidIdInRequest', `${prefix}: Credentials not found`);
  }
  const set = override ?? state.store.current();
  const body = {
    RoleArn: `arn:aws:iam::${set.accountId}:role/${set.roleName}`,
    AccessKeyId: set.accessKeyId,
    SecretAccessKey: set.secretAccessKey,
    Token: set.sessionToken,
    Expiration: toIso(set.expiration, state.fractionalTimestamps),
    ...state.extraMembers,
  };
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    format: 'json',
  };
}

function handleEks(req: EmulatorRequest, state: ContainerState, override?: CredentialSet): EmulatorResponse {
  const auth = headerValue(req.headers, 'authorization');
  if (auth === undefined || auth === '') return eksError(400, 'Service account token cannot be empty');
  if (auth !== state.authToken) {
    // The agent would pass the JWT to EKS Auth; a local server answers like aws-vault's ECS server.
    return {
      status: 403,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ Message: 'invalid Authorization token' }),
      format: 'json',
    };
  }
  if (!state.store.attached) return eksError(400, 'Service account is not associated with an IAM role');
  const set = override ?? state.store.current();
  const body = {
    AccessKeyId: set.accessKeyId,
    SecretAccessKey: set.secretAccessKey,
    Token: set.sessionToken,
    AccountId: set.accountId,
    Expiration: toIsoFractional(set.expiration),
    ...state.extraMembers,
  };
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    format: 'json',
  };
}
