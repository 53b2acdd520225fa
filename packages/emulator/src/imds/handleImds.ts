import type { CredentialSet } from '../credentials/CredentialSet.js';
import type { CredentialStore } from '../credentials/CredentialStore.js';
import { stableId } from '../credentials/keyMaterial.js';
import { toIso } from '../credentials/timestamps.js';
import { type EmulatorRequest, headerValue } from '../http/EmulatorRequest.js';
import type { EmulatorResponse } from '../http/EmulatorResponse.js';
import type { ImdsTokens } from './ImdsTokens.js';
import { imdsError, imdsJson, imdsOk } from './imdsReply.js';
import { metadataDocument } from './metadataDocument.js';

const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const MAX_TTL_SECONDS = 21_600;
const VERSIONS = ['1.0', '2007-01-19', '2008-02-01', '2016-09-02', '2021-03-23', 'latest'];
const VERSION_PREFIX = /^\/(latest|\d{4}-\d{2}-\d{2}|1\.0)(\/.*)?$/;

export interface ImdsState {
  tokens: ImdsTokens;
  store: CredentialStore;
  allowV1: boolean;
  extendedApi: boolean;
  accountId: string;
  region: string;
  instanceId: string;
  /** Millisecond fractions on credential timestamps (some IMDS responses carry them). */
  fractionalTimestamps: boolean;
  /** Extra members appended to credential documents; clients must ignore them. */
  extraMembers: Readonly<Record<string, string>>;
}

/** What a fault changes about an IMDS answer that is otherwise built normally. */
export interface ImdsEffects {
  credentials?: CredentialSet;
  code?: string;
  omitTtlHeader?: boolean;
}

/** Serves the EC2 instance metadata service: the IMDSv2 token call and the metadata tree. */
export function handleImds(
  req: EmulatorRequest,
  state: ImdsState,
  effects: ImdsEffects = {},
): EmulatorResponse {
  if (/^\/[^/]+\/api\/token$/.test(req.path)) return handleToken(req, state, effects);
  if (req.method !== 'GET' && req.method !== 'HEAD') return imdsError(405, { allow: 'GET, HEAD' });
  const token = headerValue(req.headers, TOKEN_HEADER);
  // An invalid token is refused even when v1 is allowed: IMDS tells v1 from v2 by the header's presence.
  if (token === undefined ? !state.allowV1 : !state.tokens.isValid(token)) return imdsError(401);
  if (req.path === '/') return imdsOk(`${VERSIONS.join('\n')}`);
  const match = VERSION_PREFIX.exec(req.path);
  const rest = match?.[2] ?? '/';
  return serveMetadata(rest, state, effects);
}

function handleToken(req: EmulatorRequest, state: ImdsState, effects: ImdsEffects): EmulatorResponse {
  // Only /latest issues tokens; versioned token paths are forbidden (documented behaviour).
  if (req.path !== '/latest/api/token') return imdsError(403);
  if (req.method !== 'PUT') return imdsError(405, { allow: 'PUT' });
  if (req.headers['x-forwarded-for'] !== undefined) return imdsError(403);
  const raw = headerValue(req.headers, TTL_HEADER)?.trim() ?? '';
  const ttl = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(ttl >= 1 && ttl <= MAX_TTL_SECONDS)) return imdsError(400);
  const headers: Record<string, string> = effects.omitTtlHeader ? {} : { [TTL_HEADER]: String(ttl) };
  return imdsOk(state.tokens.issue(ttl), 'text', headers);
}

function serveMetadata(rest: string, state: ImdsState, effects: ImdsEffects): EmulatorResponse {
  const { store } = state;
  const credentialsMatch = /^\/meta-data\/iam\/security-credentials(-extended)?(?:\/([^/]*))?\/?$/.exec(rest);
  if (credentialsMatch !== null) {
    const extended = credentialsMatch[1] !== undefined;
    const name = credentialsMatch[2] ?? '';
    if (extended && !state.extendedApi) return imdsError(404);
    if (!store.attached) return imdsError(404);
    if (name === '') return imdsOk(store.roleName);
    if (name !== store.roleName) return imdsError(404);
    return imdsOk(
      credentialsBody(state, effects.credentials ?? store.current(), extended, effects.code),
      'json',
    );
  }
  const path = rest.replace(/\/+$/, '');
  if (path === '/meta-data/iam' || path === '/meta-data/iam/info') {
    if (!store.attached) return imdsError(404);
    if (path === '/meta-data/iam') return imdsOk('info\nsecurity-credentials/');
    return imdsOk(iamInfo(state), 'json');
  }
  const document = metadataDocument(state, rest);
  return document === undefined ? imdsError(404) : imdsOk(document.body, document.format);
}

function credentialsBody(
  state: ImdsState,
  set: CredentialSet,
  extended: boolean,
  code: string | undefined,
): string {
  const lastUpdated = toIso(set.issuedAt, state.fractionalTimestamps);
  if (code !== undefined && code !== 'Success') {
    return imdsJson([
      ['Code', code],
      ['Message', `The emulator was told to answer with Code ${code}.`],
      ['LastUpdated', lastUpdated],
    ]);
  }
  const members: Array<[string, string]> = [
    ['Code', 'Success'],
    ['LastUpdated', lastUpdated],
    ['Type', 'AWS-HMAC'],
    ['AccessKeyId', set.accessKeyId],
    ['SecretAccessKey', set.secretAccessKey],
    ['Token', set.sessionToken],
    ['Expiration', toIso(set.expiration, state.fractionalTimestamps)],
  ];
  if (extended) members.push(['AccountId', set.accountId]);
  members.push(...Object.entries(state.extraMembers));
  return imdsJson(members);
}

function iamInfo(state: ImdsState): string {
  const set = state.store.current();
  return imdsJson([
    ['Code', 'Success'],
    ['LastUpdated', toIso(set.issuedAt, state.fractionalTimestamps)],
    ['InstanceProfileArn', `arn:aws:iam::${state.accountId}:instance-profile/${state.store.roleName}`],
    ['InstanceProfileId', stableId('AIPA', `${state.accountId}/${state.store.roleName}`)],
  ]);
}
