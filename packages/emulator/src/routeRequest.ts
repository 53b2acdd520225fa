import type { Clock } from './Clock.js';
import {
  type ContainerState,
  ecsError,
  eksError,
  handleContainer,
  isEksRequest,
} from './container/handleContainer.js';
import type { CredentialSet } from './credentials/CredentialSet.js';
import { newRequestId } from './credentials/keyMaterial.js';
import type { ActiveFault } from './faults/FaultSet.js';
import type { EmulatorRequest } from './http/EmulatorRequest.js';
import type { EmulatorResponse } from './http/EmulatorResponse.js';
import { handleImds, type ImdsState } from './imds/handleImds.js';
import { imdsError } from './imds/imdsReply.js';
import type { RequestKind } from './RequestLog.js';
import { handleS3, type S3State } from './s3/handleS3.js';
import { s3Error } from './s3/s3Xml.js';
import { handleSso, type SsoState, ssoError, ssoErrorCodeFor } from './sso/handleSso.js';
import { handleSts, type StsState } from './sts/handleSts.js';
import { stsError } from './sts/stsXml.js';

/** Everything the surfaces share: one credential store, one clock. */
export interface EmulatorState {
  clock: Clock;
  imds: ImdsState;
  container: ContainerState;
  sts: StsState;
  s3: S3State;
  sso: SsoState;
}

const EXPIRED_AGO_MS = 60_000;

/**
 * Answers a request for its surface, applying the semantic faults (status, throttle, Code, expired
 * credentials, token invalidation...). Transport faults are applied by the server around this.
 */
export async function routeRequest(
  state: EmulatorState,
  req: EmulatorRequest,
  kind: RequestKind,
  fault: ActiveFault | undefined,
): Promise<EmulatorResponse> {
  const spec = fault?.spec;
  switch (spec?.type) {
    case 'status':
      return errorFor(kind, req, spec.status);
    case 'throttle':
      return throttleFor(kind, spec.retryAfterSeconds);
    case 'imds-disabled':
      return imdsError(403);
    case 'invalidate-tokens':
      state.imds.tokens.invalidateAll();
      break;
    default:
      break;
  }
  const code = spec?.type === 'code' ? spec.code : undefined;
  switch (kind) {
    case 'imds-token':
    case 'imds-credentials':
    case 'imds-role-list':
    case 'imds-other':
      return handleImds(req, state.imds, {
        ...(code !== undefined && { code }),
        ...credentialsEffect(state, fault),
        omitTtlHeader: spec?.type === 'no-ttl-header',
      });
    case 'container':
      return handleContainer(req, state.container, credentialsEffect(state, fault).credentials);
    case 'sts': {
      const expiresAt = expiryOf(state, fault);
      return handleSts(req, state.sts, {
        ...(code !== undefined && { code }),
        ...(expiresAt !== undefined && { expiresAt }),
      });
    }
    case 's3':
      return handleS3(req, state.s3, code);
    case 'sso': {
      const expiresAt = expiryOf(state, fault);
      return handleSso(req, state.sso, {
        ...(code !== undefined && { code }),
        ...(expiresAt !== undefined && { expiresAt }),
      });
    }
    default:
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found\n', format: 'text' };
  }
}

function expiryOf(state: EmulatorState, fault: ActiveFault | undefined): number | undefined {
  const spec = fault?.spec;
  if (spec?.type === 'expired') return state.clock.now() - EXPIRED_AGO_MS;
  if (spec?.type === 'near-expiry') return state.clock.now() + spec.remainingMs;
  return undefined;
}

/** The set an `expired`/`near-expiry` fault serves: issued on its first hit, then reused. */
function credentialsEffect(
  state: EmulatorState,
  fault: ActiveFault | undefined,
): { credentials?: CredentialSet } {
  const expiresAt = expiryOf(state, fault);
  if (fault === undefined || expiresAt === undefined) return {};
  const { store } = state.imds;
  fault.credentials ??= store.issue({
    roleName: store.roleName,
    accountId: state.imds.accountId,
    sessionName: state.imds.instanceId,
    source: 'fault',
    issuedAt: Math.min(state.clock.now(), expiresAt - store.lifetimeMs),
    expiresAt,
  });
  return { credentials: fault.credentials };
}

function errorFor(kind: RequestKind, req: EmulatorRequest, status: number): EmulatorResponse {
  if (kind === 'sts') {
    const code =
      status >= 500
        ? status === 503
          ? 'ServiceUnavailable'
          : 'InternalFailure'
        : status === 403
          ? 'AccessDenied'
          : 'InvalidRequest';
    return stsError(code, `The emulator was told to answer ${status}.`, newRequestId(), status);
  }
  if (kind === 's3') {
    const code =
      status >= 500
        ? status === 503
          ? 'ServiceUnavailable'
          : 'InternalError'
        : status === 403
          ? 'AccessDenied'
          : 'InvalidRequest';
    return s3Error(code, `The emulator was told to answer ${status}.`, newRequestId(), {
      status,
      resource: req.path,
    });
  }
  if (kind === 'sso')
    return ssoError(ssoErrorCodeFor(status), `The emulator was told to answer ${status}.`, status);
  if (kind === 'container') {
    if (isEksRequest(req)) return eksError(status, `The emulator was told to answer ${status}.`);
    if (status === 503)
      return ecsError(
        503,
        'CredentialsUninitialized',
        'CredentialsV2Request: Credentials uninitialized for ID',
      );
    return ecsError(
      status,
      status >= 500 ? 'InternalServerError' : 'BadRequest',
      `The emulator was told to answer ${status}.`,
    );
  }
  if (kind === 'other')
    return { status, headers: { 'content-type': 'text/plain' }, body: `${status}\n`, format: 'text' };
  return imdsError(status);
}

function throttleFor(kind: RequestKind, retryAfterSeconds: number | undefined): EmulatorResponse {
  const retryAfter: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (kind === 'sts') {
    const response = stsError('Throttling', 'Rate exceeded', newRequestId());
    return { ...response, headers: { ...response.headers, ...retryAfter } };
  }
  if (kind === 's3')
    return s3Error('SlowDown', 'Please reduce your request rate.', newRequestId(), { headers: retryAfter });
  if (kind === 'sso') {
    const response = ssoError('TooManyRequestsException');
    return { ...response, headers: { ...response.headers, ...retryAfter } };
  }
  if (kind.startsWith('imds')) return imdsError(429, retryAfter);
  return {
    status: 429,
    headers: { 'content-type': 'text/plain', ...retryAfter },
    body: 'You have reached maximum request limit.\n',
    format: 'text',
  };
}
