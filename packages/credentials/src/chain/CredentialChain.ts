import { maskAccessKeyId, redactSecrets } from '@keyless/redact';
import type { AwsCredentialIdentity, Logger } from '@smithy/types';
import {
  type CredentialSource,
  kindOf,
  type ResolvedCredentials,
  type RoleSource,
} from '../CredentialSource.js';
import { loadProfile, type ProfileData } from '../config/loadProfile.js';
import { applyProfile, type ResolvedConfig } from '../config/resolveConfig.js';
import { type Attempt, CredentialsChainError } from '../errors/CredentialsChainError.js';
import { isNonRecoverable } from '../errors/CredentialsProviderError.js';
import { publish } from '../events.js';
import { containerSource } from '../sources/containerSource.js';
import { envSessionSource, lambdaSource } from '../sources/envSessionSources.js';
import { imdsSource } from '../sources/imdsSource.js';
import { profileChainSource } from '../sources/profileChainSource.js';
import type { Seams, SourceContext, SourceDriver } from '../sources/SourceDriver.js';
import { staticSources } from '../sources/staticSources.js';
import { webIdentitySource } from '../sources/webIdentitySource.js';
import { toError } from '../toError.js';
import { warnStaticFallback } from './warnStaticFallback.js';

/** How often static fallback credentials are traded back in for a role, if one starts working. */
const STATIC_RECHECK_MS = 15 * 60_000;

/** One driver of each role source per chain: drivers keep state (the IMDS token, the role name). */
export function roleDrivers(): Record<RoleSource, SourceDriver> {
  const container = containerSource();
  const imds = imdsSource();
  return {
    lambda: lambdaSource(),
    'env-session': envSessionSource(),
    // credential_source = EcsContainer / Ec2InstanceMetadata uses these same drivers.
    'profile-chain': profileChainSource({ container, imds }),
    container,
    'web-identity': webIdentitySource(),
    imds,
  };
}

interface Run {
  attempts: Attempt[];
  /** A source failed in a way a later run may not (network, throttling, a missing file). */
  recoverableFailure: boolean;
}

export interface CredentialChainInit {
  config: ResolvedConfig;
  logger: Logger;
  clock: { now(): number };
  random: () => number;
  seams: Seams;
  name: string;
}

/**
 * Role sources first, in `sources` order, then the static sources. Only a source that does not apply
 * here (skipped, no network call) or IMDS passes the search on: a configured role source that fails
 * ends it with a `CredentialsChainError` naming it, as the SDK's chain does, so a pod never silently
 * gets its node's role. Long-lived keys, from whichever source, go through the `staticKeys` policy.
 * Once a role source has worked, refreshes go to it alone: when it fails, the refresh fails and the
 * cache keeps serving the role credentials, instead of silently switching principal.
 */
export class CredentialChain {
  readonly #init: CredentialChainInit;
  readonly #roles: readonly SourceDriver[];
  #winner: SourceDriver | undefined;
  #lastSource: CredentialSource | undefined;

  constructor(init: CredentialChainInit) {
    this.#init = init;
    const drivers = roleDrivers();
    this.#roles = init.config.sources.map((s) => drivers[s]);
  }

  /** One chain run: the cache's `fetch`. */
  async resolve(options: { singleAttempt?: boolean } = {}): Promise<ResolvedCredentials> {
    const { config, logger, clock, random, seams } = this.#init;
    const contextWith = (profile: ProfileData): SourceContext => ({
      config,
      settings: applyProfile(config, profile),
      profile,
      logger,
      clock,
      random,
      seams,
      singleAttempt: options.singleAttempt ?? false,
    });
    // The shared files are read only once a source needs them: a Lambda cold start reads none.
    const envOnly = contextWith({});
    let full: SourceContext | undefined;
    const contextFor = async (driver: SourceDriver): Promise<SourceContext> => {
      if (driver.envOnly === true) return envOnly;
      full ??= contextWith(await loadProfile(config));
      return full;
    };
    if (this.#winner !== undefined)
      return this.#use(this.#winner.name, await this.#winner.fetch(await contextFor(this.#winner)));
    const run: Run = { attempts: [], recoverableFailure: false };
    const { attempts } = run;
    const roleCount = this.#roles.length;
    for (const [i, driver] of [...this.#roles, ...staticSources].entries()) {
      const credentials = await this.#try(driver, await contextFor(driver), run);
      if (credentials === undefined) {
        const last = attempts.at(-1);
        if (driver.failClosed && last?.outcome === 'failed') throw failedClosed(last, attempts);
        continue;
      }
      if (kindOf(credentials) === 'long-lived')
        return this.#useLongLived(driver.name, credentials, attempts.slice(0, roleCount), attempts);
      if (i < roleCount) this.#winner = driver;
      return this.#use(driver.name, credentials);
    }
    const failures = attempts.filter((a) => a.outcome === 'failed');
    throw new CredentialsChainError(
      'No AWS credentials: no role source worked and no static keys were found.',
      attempts,
      {
        // Retrying helps unless every failure was a configuration error.
        recoverable: failures.length === 0 || run.recoverableFailure,
        advice:
          'Attach an IAM role to this workload (instance profile, ECS task role, EKS Pod Identity or IRSA).',
      },
    );
  }

  async #try(driver: SourceDriver, ctx: SourceContext, run: Run): Promise<AwsCredentialIdentity | undefined> {
    const skip = await driver.skipReason(ctx);
    if (skip !== undefined) {
      run.attempts.push({ source: driver.name, outcome: 'skipped', reason: skip, elapsedMs: 0 });
      return undefined;
    }
    const started = performance.now();
    try {
      return await driver.fetch(ctx);
    } catch (e: unknown) {
      if (!isNonRecoverable(e)) run.recoverableFailure = true;
      const error = toError(e);
      const reason = redactSecrets(error.message);
      run.attempts.push({
        source: driver.name,
        outcome: 'failed',
        reason,
        error,
        elapsedMs: performance.now() - started,
      });
      return undefined;
    }
  }

  #useLongLived(
    source: CredentialSource,
    credentials: AwsCredentialIdentity,
    roleAttempts: Attempt[],
    attempts: Attempt[],
  ): ResolvedCredentials {
    const { config, clock, logger, name } = this.#init;
    const masked = maskAccessKeyId(credentials.accessKeyId);
    if (config.staticKeys === 'deny') {
      attempts.push({
        source,
        outcome: 'denied',
        reason: `found long-lived key ${masked}; staticKeys is 'deny'`,
        elapsedMs: 0,
      });
      throw new CredentialsChainError(
        `Long-lived AWS keys refused: no role source worked and staticKeys is 'deny'.`,
        attempts,
        {
          recoverable: false,
          advice: `Attach an IAM role to this workload, or remove the long-lived keys from ${source}.`,
        },
      );
    }
    if (source !== this.#lastSource) {
      const attempts = roleAttempts.map((a) => ({ source: a.source, outcome: a.outcome, reason: a.reason }));
      publish.fallback({ cache: name, source, accessKeyId: masked, attempts, at: clock.now() });
      if (config.staticKeys === 'warn') warnStaticFallback(logger, source, masked, roleAttempts);
    }
    // A role source that is configured here but failed may work later: look again every 15 minutes.
    const recheck = roleAttempts.some((a) => a.outcome === 'failed')
      ? clock.now() + STATIC_RECHECK_MS
      : undefined;
    const expiration = earliest(credentials.expiration?.getTime(), recheck);
    return this.#use(
      source,
      expiration === undefined ? credentials : { ...credentials, expiration: new Date(expiration) },
    );
  }

  #use(source: CredentialSource, credentials: AwsCredentialIdentity): ResolvedCredentials {
    if (this.#lastSource !== undefined && source !== this.#lastSource) {
      this.#init.logger.info(`[keyless] credentials now come from ${source} (were ${this.#lastSource})`);
    }
    this.#lastSource = source;
    return { ...credentials, source, kind: kindOf(credentials) };
  }
}

/** A configured role source failed: the search ends here, naming it, instead of changing principal. */
function failedClosed(failure: Attempt, attempts: readonly Attempt[]): CredentialsChainError {
  return new CredentialsChainError(
    `No AWS credentials: ${failure.source} is configured here and failed, so no other source was tried ` +
      '(another one would be a different principal).',
    attempts,
    {
      recoverable: !isNonRecoverable(failure.error),
      advice: `Fix ${failure.source} (its reason is above), or unset its variables if this workload should not use it.`,
    },
  );
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
