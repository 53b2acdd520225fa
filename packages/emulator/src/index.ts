import type { Clock } from './Clock.js';
import type { CredentialSet } from './credentials/CredentialSet.js';
import { CredentialStore } from './credentials/CredentialStore.js';
import { FaultSet } from './faults/FaultSet.js';
import type { FaultHandle, FaultSpec } from './faults/FaultSpec.js';
import { seededRandom } from './faults/seededRandom.js';
import { EmulatorServer } from './http/EmulatorServer.js';
import { ImdsTokens } from './imds/ImdsTokens.js';
import type { Logger } from './Logger.js';
import type { RequestFilter, RequestRecord } from './RequestLog.js';
import { RequestLog } from './RequestLog.js';
import { resolveOptions } from './resolveOptions.js';
import { type EmulatorState, routeRequest } from './routeRequest.js';
import { S3_PREFIX } from './s3/parseS3Target.js';
import { S3Store } from './s3/S3Store.js';
import { type SsoToken, SsoTokens } from './sso/SsoTokens.js';
import { type SsoProfile, type SsoProfileInit, writeSsoProfile } from './sso/writeSsoProfile.js';
import { stsAction } from './sts/stsParams.js';

export type { Clock } from './Clock.js';
export type { CredentialSet, CredentialSource } from './credentials/CredentialSet.js';
export type { FaultAction, FaultHandle, FaultSpec, FaultTarget, FaultType } from './faults/FaultSpec.js';
export { parseFaultSpec } from './faults/parseFaultSpec.js';
export type { Logger } from './Logger.js';
export type { RequestFilter, RequestKind, RequestRecord } from './RequestLog.js';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_CREDENTIAL_LIFETIME_MS,
  DEFAULT_ROLE_NAME,
  DEFAULT_ROTATION_LEAD_MS,
  DEFAULT_S3_STORE_BYTES,
} from './resolveOptions.js';
export type { SsoToken } from './sso/SsoTokens.js';
export type { SsoProfile, SsoProfileInit } from './sso/writeSsoProfile.js';

/** Options of {@link startEmulator}. Every field is optional; bad values throw a TypeError. */
export interface EmulatorOptions {
  /**
   * Interface to bind. Default `127.0.0.1`; pass `0.0.0.0` (or `::`) only if other hosts must reach
   * it. `url`, `endpoints` and `env` then name `127.0.0.1` (or `[::1]`): what clients on this host use.
   */
  host?: string;
  /** Port to bind. Default `0` (a free port, read it from `url`). */
  port?: number;
  /** The instance role attached at start. Default `keyless-emulator-role`. */
  roleName?: string;
  /** The 12-digit account of every ARN and `AccountId`. Default `111122223333`. */
  accountId?: string;
  /** Region reported by IMDS placement and the identity document, and set as `AWS_REGION`. Default `us-east-1`. */
  region?: string;
  /** Lifetime of each instance-role credential set. Default 6 hours. */
  credentialLifetimeMs?: number;
  /**
   * A new set is served this long before the current one expires; older sets stay valid until they
   * expire. Default 15 minutes (half the lifetime if that is shorter). Must be below the lifetime.
   */
  rotationLeadMs?: number;
  /** Allow IMDSv1 (metadata GETs without a token). Default `false`: tokens required. */
  allowV1?: boolean;
  /** Send credential timestamps with millisecond fractions (`…T12:00:00.123Z`) on IMDS and ECS. Default `false`. */
  fractionalTimestamps?: boolean;
  /** Extra members appended to every IMDS and container credential document, to check clients ignore them. */
  extraCredentialMembers?: Readonly<Record<string, string>>;
  /** Serve `security-credentials-extended` (with `AccountId`). `false` answers 404 like legacy IMDS. Default `true`. */
  extendedApi?: boolean;
  /** The `Authorization` value the FULL_URI container endpoint accepts, verbatim. Default: random. */
  containerAuthToken?: string;
  /** The id in the ECS path `/v2/credentials/{id}`. Default: a random UUID. */
  containerCredentialsId?: string;
  /** Web identity tokens STS accepts. Default: one random JWT-shaped token, exposed as `webIdentityToken`. */
  webIdentityTokens?: readonly string[];
  /** Seed of the generator behind `probability` faults, so the same requests fail on every run. Default: random. */
  seed?: number;
  /** Largest request body accepted (S3 objects included); bigger ones get 413 (S3: `EntityTooLarge`). Default 64 KiB. */
  maxBodyBytes?: number;
  /** Most bytes all S3 objects together may hold in memory; a PutObject past it gets `EntityTooLarge`. Default 32 MiB. */
  s3StoreBytes?: number;
  /** Most records the request log keeps (the oldest go first). Default 100,000. */
  requestLogLimit?: number;
  /** Most bytes (estimated in-memory size) the request log keeps. Default 64 MiB. */
  requestLogBytes?: number;
  /**
   * Host names, besides IP addresses, `localhost` and `*.localhost`, that requests may carry in
   * `Host` (`.example.test` allows the domain and its subdomains), e.g. a Docker Compose service
   * name. Any other `Host` gets 403, so a DNS-rebinding web page cannot read credentials. Default none.
   */
  allowedHosts?: readonly string[];
  /** Time source for expiry, rotation, token TTLs and the log. Default `Date.now`. Fault latencies use real time. */
  clock?: Clock;
  /** Receives unexpected server-side failures. Default: no-op. */
  logger?: Logger;
}

/** URLs of each surface. */
export interface EmulatorEndpoints {
  /** Base URL for `AWS_EC2_METADATA_SERVICE_ENDPOINT`. */
  imds: string;
  /** The EKS-style endpoint for `AWS_CONTAINER_CREDENTIALS_FULL_URI` (checks `Authorization`). */
  containerFullUri: string;
  /** The ECS path for `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (SDKs prefix it with 169.254.170.2; join it to `url` to call it here). */
  containerRelativeUri: string;
  /** Endpoint for STS clients (`AWS_ENDPOINT_URL_STS` or `endpoint`). */
  sts: string;
  /** Endpoint for S3 clients, e.g. `${url}/s3`; use it with `forcePathStyle: true` (v2: `s3ForcePathStyle`). */
  s3: string;
  /** Endpoint of the IAM Identity Center portal (`AWS_ENDPOINT_URL_SSO`), for SSO profiles. */
  sso: string;
}

/** Narrows {@link Emulator.count}. */
export type CountFilter = RequestFilter;

/** A running emulator. Stop it with `await emu.stop()`. */
export interface Emulator {
  /** Base URL for clients on this host, e.g. `http://127.0.0.1:41234` (also when bound to `0.0.0.0`). */
  readonly url: string;
  readonly endpoints: EmulatorEndpoints;
  /**
   * Environment for SDK clients: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, `AWS_CONTAINER_CREDENTIALS_FULL_URI`,
   * `AWS_CONTAINER_AUTHORIZATION_TOKEN`, `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL_S3`, `AWS_ENDPOINT_URL_SSO`
   * and `AWS_REGION`.
   */
  readonly env: Readonly<Record<string, string>>;
  /** A web identity token STS accepts. */
  readonly webIdentityToken: string;
  /** The role ARN matching the attached role (for `AWS_ROLE_ARN` or `AssumeRole`). */
  readonly roleArn: string;
  /** Installs a fault; it applies until cleared or `times` runs out. Throws a TypeError on a bad spec. */
  fault(spec: FaultSpec): FaultHandle;
  /** Removes every fault. */
  clearFaults(): void;
  /** Detaches the instance role: IMDS role paths answer 404 and the container endpoints refuse. */
  detachRole(): void;
  /** Attaches a role (default: the one from the options); a different name gets new credentials at once. */
  attachRole(name?: string): void;
  /** Issues a new instance-role set and serves it from now on; the old one stays valid until it expires. */
  rotate(): CredentialSet;
  /**
   * Issues an IAM Identity Center access token the portal accepts until it expires on the emulator's
   * clock (default lifetime 8 hours), as `aws sso login` would. Throws a TypeError on a bad lifetime.
   */
  ssoLogin(options?: { lifetimeMs?: number }): SsoToken;
  /** Revokes every access token, as `aws sso logout` does: the portal then answers 401 `UnauthorizedException`. */
  ssoLogout(): void;
  /**
   * Logs in (see `ssoLogin`) and writes an SSO profile and its token cache under `init.home`, so the
   * SDK's `fromSSO()`, `fromIni()` and default chain resolve it through this emulator with `env` set.
   */
  writeSsoProfile(init: SsoProfileInit): Promise<SsoProfile>;
  /** The instance-role set served now (rotating first if it is inside the rotation lead). */
  current(): CredentialSet;
  /** Every set ever issued: instance-role, STS and fault sets, oldest first. */
  issued(): readonly CredentialSet[];
  /** The request log, oldest first. */
  requests(filter?: RequestFilter): RequestRecord[];
  /** How many logged requests match, e.g. `count({ kind: 'imds-credentials' })` or `count({ kind: 's3', accessKeyId })`. */
  count(filter?: CountFilter): number;
  /** Empties the request log. */
  resetRequests(): void;
  /** Closes the server and every connection, hung ones included. */
  stop(): Promise<void>;
}

/**
 * Starts an EC2 IMDS, ECS/EKS container-credentials, STS, IAM Identity Center portal and minimal S3 emulator on one HTTP server
 * bound to 127.0.0.1 (port 0 by default), with rotating credentials and fault injection.
 *
 * @example
 * const emu = await startEmulator();
 * const creds = await fromInstanceMetadata()(); // with AWS_EC2_METADATA_SERVICE_ENDPOINT = emu.endpoints.imds
 * expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
 * await emu.stop();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const o = resolveOptions(options);
  const store = new CredentialStore({
    clock: o.clock,
    lifetimeMs: o.credentialLifetimeMs,
    rotationLeadMs: o.rotationLeadMs,
    accountId: o.accountId,
    roleName: o.roleName,
    instanceId: o.instanceId,
  });
  const ssoTokens = new SsoTokens(o.clock);
  const state: EmulatorState = {
    clock: o.clock,
    imds: {
      tokens: new ImdsTokens(o.clock),
      store,
      allowV1: o.allowV1,
      extendedApi: o.extendedApi,
      accountId: o.accountId,
      region: o.region,
      instanceId: o.instanceId,
      fractionalTimestamps: o.fractionalTimestamps,
      extraMembers: o.extraCredentialMembers,
    },
    container: {
      store,
      credentialsId: o.containerCredentialsId,
      authToken: o.containerAuthToken,
      fractionalTimestamps: o.fractionalTimestamps,
      extraMembers: o.extraCredentialMembers,
    },
    sts: { store, clock: o.clock, webIdentityTokens: o.webIdentityTokens },
    s3: { credentials: store, objects: new S3Store(o.clock, o.s3StoreBytes), clock: o.clock },
    sso: { store, tokens: ssoTokens, clock: o.clock, accountId: o.accountId },
  };
  const faults = new FaultSet(seededRandom(o.seed));
  const log = new RequestLog({ clock: o.clock, limit: o.requestLogLimit, maxBytes: o.requestLogBytes });
  const server = await EmulatorServer.listen({
    host: o.host,
    port: o.port,
    maxBodyBytes: o.maxBodyBytes,
    allowedHosts: o.allowedHosts,
    faults,
    log,
    logger: o.logger,
    route: (req, kind, fault) => routeRequest(state, req, kind, fault),
    actionOf: stsAction,
  });
  const url = server.url;
  const endpoints: EmulatorEndpoints = {
    imds: url,
    containerFullUri: `${url}/v1/credentials`,
    containerRelativeUri: `/v2/credentials/${o.containerCredentialsId}`,
    sts: url,
    s3: `${url}${S3_PREFIX}`,
    sso: url,
  };
  return {
    url,
    endpoints,
    env: Object.freeze({
      AWS_EC2_METADATA_SERVICE_ENDPOINT: endpoints.imds,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoints.containerFullUri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: o.containerAuthToken,
      AWS_ENDPOINT_URL_STS: endpoints.sts,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SSO: endpoints.sso,
      AWS_REGION: o.region,
    }),
    webIdentityToken: o.webIdentityTokens[0] ?? '',
    get roleArn() {
      return `arn:aws:iam::${o.accountId}:role/${store.roleName}`;
    },
    fault: (spec) => faults.add(spec),
    clearFaults: () => faults.clear(),
    detachRole: () => store.detach(),
    attachRole: (name = o.roleName) => {
      if (!/^[\w+=,.@-]{1,64}$/.test(name))
        throw new TypeError(`attachRole: bad role name ${JSON.stringify(name)}`);
      store.attach(name);
    },
    rotate: () => store.rotate(),
    ssoLogin: (options) => ssoTokens.issue(options?.lifetimeMs),
    ssoLogout: () => ssoTokens.revokeAll(),
    writeSsoProfile: (init) =>
      writeSsoProfile(
        {
          url: endpoints.sso,
          accountId: o.accountId,
          region: o.region,
          login: (lifetimeMs) => ssoTokens.issue(lifetimeMs),
        },
        init,
      ),
    current: () => store.current(),
    issued: () => store.issued(),
    requests: (filter) => log.list(filter),
    count: (filter) => log.count(filter),
    resetRequests: () => log.reset(),
    stop: () => server.stop(),
  };
}
