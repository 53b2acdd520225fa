import type { Clock } from '../Clock.js';
import type { CredentialSet } from '../credentials/CredentialSet.js';
import type { CredentialStore } from '../credentials/CredentialStore.js';
import { newRequestId, stableId } from '../credentials/keyMaterial.js';
import { toIsoFractional } from '../credentials/timestamps.js';
import type { EmulatorRequest } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import { parseAssumeRoleParams } from './parseAssumeRoleParams.js';
import { stsParams } from './stsParams.js';
import { stsError, stsResult, xmlElements } from './stsXml.js';
import { verifySigV4 } from './verifySigV4.js';
import { webIdentityClaims } from './webIdentityClaims.js';

export interface StsState {
  store: CredentialStore;
  clock: Clock;
  webIdentityTokens: readonly string[];
}

/** What a fault changes: an error code instead of the result, or the expiry of issued credentials. */
export interface StsEffects {
  code?: string;
  expiresAt?: number;
}

const VERSION = '2011-06-15';

/** Serves STS `GetCallerIdentity`, `AssumeRole` (both SigV4-verified) and `AssumeRoleWithWebIdentity`. */
export async function handleSts(
  req: EmulatorRequest,
  state: StsState,
  effects: StsEffects = {},
): Promise<EmulatorResponse> {
  const requestId = newRequestId();
  if (req.method !== 'POST' && req.method !== 'GET')
    return stsError('InvalidAction', `${req.method} is not supported`, requestId, 405);
  const params = stsParams(req);
  const action = params.get('Action');
  if (action === null) return stsError('MissingAction', 'Missing Action', requestId);
  const version = params.get('Version');
  const known =
    action === 'GetCallerIdentity' || action === 'AssumeRole' || action === 'AssumeRoleWithWebIdentity';
  if (!known || (version !== null && version !== VERSION)) {
    return stsError(
      'InvalidAction',
      `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
      requestId,
    );
  }
  let caller: CredentialSet | undefined;
  if (action !== 'AssumeRoleWithWebIdentity') {
    const verdict = await verifySigV4(req, (id) => state.store.find(id), state.clock);
    if (!verdict.ok) return stsError(verdict.code, verdict.message, requestId);
    caller = verdict.set;
  }
  if (effects.code !== undefined)
    return stsError(effects.code, `The emulator was told to answer with ${effects.code}.`, requestId);
  if (caller !== undefined && action === 'GetCallerIdentity') {
    const result = xmlElements({
      Arn: assumedRoleArn(caller),
      UserId: userId(caller),
      Account: caller.accountId,
    });
    return stsResult(action, result, requestId);
  }
  const parsed = parseAssumeRoleParams(params);
  if ('error' in parsed) return stsError('ValidationError', parsed.error, requestId);
  const { accountId, roleName, sessionName, durationSeconds } = parsed;
  let claims: ReturnType<typeof webIdentityClaims> | undefined;
  if (action === 'AssumeRoleWithWebIdentity') {
    const token = params.get('WebIdentityToken') ?? '';
    if (!state.webIdentityTokens.includes(token)) {
      return stsError(
        'InvalidIdentityToken',
        'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.',
        requestId,
      );
    }
    claims = webIdentityClaims(token, accountId);
  }
  const set = state.store.issue({
    roleName,
    accountId,
    sessionName,
    source: claims === undefined ? 'assume-role' : 'web-identity',
    lifetimeMs: durationSeconds * 1000,
    ...(effects.expiresAt !== undefined ? { expiresAt: effects.expiresAt } : {}),
  });
  const result = {
    ...(claims && { SubjectFromWebIdentityToken: claims.subject, Audience: claims.audience }),
    AssumedRoleUser: { AssumedRoleId: userId(set), Arn: assumedRoleArn(set) },
    Credentials: {
      AccessKeyId: set.accessKeyId,
      SecretAccessKey: set.secretAccessKey,
      SessionToken: set.sessionToken,
      Expiration: toIsoFractional(set.expiration),
    },
    ...(claims && { Provider: claims.provider }),
  };
  return stsResult(action, xmlElements(result), requestId);
}

function assumedRoleArn(set: CredentialSet): string {
  return `arn:aws:sts::${set.accountId}:assumed-role/${set.roleName}/${set.sessionName}`;
}

/** `AROA…:session`: the role's unique id (stable per role) and the session name. */
function userId(set: CredentialSet): string {
  return `${stableId('AROA', `${set.accountId}/${set.roleName}`)}:${set.sessionName}`;
}
