import { redactSecrets } from '@keyless/redact';
import { DEFAULT_ROLE_SOURCES, type RoleSource } from '../CredentialSource.js';
import { roleDrivers } from '../chain/CredentialChain.js';
import { loadProfile, type ProfileData } from '../config/loadProfile.js';
import { applyProfile, type ResolvedConfig, resolveConfig, type Settings } from '../config/resolveConfig.js';
import { checkInitSettings, describeSettings } from '../config/settingTable.js';
import { validateInit } from '../config/validateInit.js';
import { httpRequest } from '../io/httpRequest.js';
import { readFile } from '../io/readFile.js';
import { sleep } from '../io/sleep.js';
import { noopLogger } from '../noopLogger.js';
import { detectRuntime } from '../platform/detectRuntime.js';
import { platformHint } from '../platform/platformHint.js';
import { containerSource } from '../sources/containerSource.js';
import { envSessionSource, lambdaSource } from '../sources/envSessionSources.js';
import { imdsSource } from '../sources/imdsSource.js';
import { profileChainSource } from '../sources/profileChainSource.js';
import type { Seams, SourceContext } from '../sources/SourceDriver.js';
import { toError } from '../toError.js';
import { checkStaticKeys, staticKeyWarnings } from './checkStaticKeys.js';
import {
  DEFAULT_DIAGNOSE_TIMEOUT_MS,
  type DiagnoseInit,
  type DoctorProbeId,
  type DoctorReport,
  type DoctorSourceResult,
  type StaticKeyCheck,
} from './DoctorReport.js';
import type { ProbeGroup } from './ProbeGroup.js';
import { probeContainer } from './probeContainer.js';
import { probeImds } from './probeImds.js';
import { probeOneStep } from './probeOneStep.js';
import { probeWebIdentity } from './probeWebIdentity.js';

const PROBES: Record<RoleSource, readonly DoctorProbeId[]> = {
  lambda: ['lambda.env'],
  'env-session': ['env-session.env'],
  'profile-chain': ['profile-chain.profile'],
  container: ['container.env', 'container.endpoint'],
  'web-identity': ['web-identity.token-file', 'web-identity.sts'],
  imds: ['imds.platform-hint', 'imds.token', 'imds.role', 'imds.credentials'],
};
const PROBE_GROUPS: Record<RoleSource, (ctx: SourceContext, timeoutMs: number) => Promise<ProbeGroup>> = {
  lambda: probeOneStep('lambda.env', lambdaSource),
  'env-session': probeOneStep('env-session.env', envSessionSource),
  'profile-chain': probeOneStep('profile-chain.profile', () =>
    profileChainSource({ container: containerSource(), imds: imdsSource() }),
  ),
  container: probeContainer,
  'web-identity': probeWebIdentity,
  imds: probeImds,
};
// Sources that end the chain's search when they fail, as the chain's own drivers say.
const FAIL_CLOSED: ReadonlySet<string> = new Set(
  Object.values(roleDrivers())
    .filter((d) => d.failClosed)
    .map((d) => d.name),
);

const defaultSeams: Seams = { request: httpRequest, readFile, sleep };
const systemClock = { now: () => Date.now() };

/**
 * Says which credential source `fromInstanceRole(init)` would use on this host and why: every role
 * source is asked through the same drivers the chain uses (side by side, each within `timeoutMs`),
 * static keys are looked for in the same places, and each setting is shown with its origin. A host
 * with nothing configured gives a `none` report, not an error; bad options throw a `TypeError`.
 *
 * @example
 * const report = await diagnose({ timeoutMs: 2000 });
 * if (report.verdict !== 'role') console.warn(report.reason);
 */
export function diagnose(init: DiagnoseInit = {}): Promise<DoctorReport> {
  return diagnoseWith(init, defaultSeams);
}

/** `diagnose` with its I/O seams given: specs replace the file seam (DMI) or route a link-local address. */
export function diagnoseWith(init: DiagnoseInit, seams: Seams): Promise<DoctorReport> {
  if (typeof init !== 'object' || init === null) throw new TypeError('diagnose: init must be an object');
  const { timeoutMs = DEFAULT_DIAGNOSE_TIMEOUT_MS, ...appInit } = init;
  if (!(typeof timeoutMs === 'number' && Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new TypeError('diagnose: timeoutMs must be a positive number of milliseconds');
  validateInit(appInit);
  checkInitSettings(appInit);
  return run(appInit, Math.ceil(timeoutMs), seams);
}

async function run(init: DiagnoseInit, timeoutMs: number, seams: Seams): Promise<DoctorReport> {
  const clock = init.clock ?? systemClock;
  const started = clock.now();
  // One snapshot of the environment (resolveConfig's own default) for the settings and their origins.
  const env = init.env ?? process.env;
  let config: ResolvedConfig;
  let profile: ProfileData;
  let settings: Settings;
  try {
    config = resolveConfig({ ...init, env });
    profile = await loadProfile(config);
    settings = applyProfile(config, profile);
  } catch (e: unknown) {
    // A bad env var or profile value: the app's chain would fail the same way, so it is the finding.
    const message = redactSecrets(toError(e).message);
    return {
      verdict: 'misconfigured',
      source: null,
      kind: null,
      reason: `configuration error: ${message}`,
      runtime: null,
      sources: [],
      probes: [],
      settings: [],
      staticKeys: [],
      warnings: [message],
      durationMs: clock.now() - started,
    };
  }
  const ctx: SourceContext = {
    config,
    settings,
    profile,
    logger: init.logger ?? noopLogger,
    clock,
    random: init.random ?? Math.random,
    seams,
    singleAttempt: false,
  };
  const groups = await Promise.all(
    DEFAULT_ROLE_SOURCES.map((s) =>
      config.sources.includes(s) ? PROBE_GROUPS[s](ctx, timeoutMs) : notListed(s),
    ),
  );
  const staticKeys = await checkStaticKeys(ctx);
  const results = groups.map((g) => g.result);
  return {
    ...verdictOf(config, results, staticKeys),
    runtime: detectRuntime(config, env, await platformHint(seams.readFile)),
    sources: results,
    probes: groups.flatMap((g) => g.probes),
    settings: describeSettings(settings.values),
    staticKeys,
    warnings: staticKeyWarnings(staticKeys, ctx),
    durationMs: clock.now() - started,
  };
}

function notListed(source: RoleSource): ProbeGroup {
  const reason = `not in the sources option`;
  return {
    result: { source, outcome: 'skipped', reason, durationMs: 0 },
    probes: PROBES[source].map((id) => ({ id, source, outcome: 'skipped', detail: reason, durationMs: 0 })),
  };
}

/**
 * The chain's decision: the first role source in `sources` order that is not skipped decides, unless
 * it is IMDS failing (the one source that falls through to long-lived keys); long-lived keys, from a
 * role source or a static one, meet the `staticKeys` policy.
 */
function verdictOf(
  config: ResolvedConfig,
  results: readonly DoctorSourceResult[],
  staticKeys: readonly StaticKeyCheck[],
): Pick<DoctorReport, 'verdict' | 'source' | 'kind' | 'reason'> {
  const inOrder = config.sources.map((s) => results.find((r) => r.source === s) as DoctorSourceResult);
  const decisive = inOrder.find(
    (r) => r.outcome === 'ok' || (r.outcome !== 'skipped' && FAIL_CLOSED.has(r.source)),
  );
  const before = inOrder.slice(0, decisive === undefined ? undefined : inOrder.indexOf(decisive));
  const tried = before.filter((r) => r.outcome !== 'skipped');
  const triedText =
    tried.length === 0 ? '' : ` (tried first: ${tried.map((r) => `${r.source} ${r.outcome}`).join(', ')})`;
  if (decisive !== undefined && decisive.outcome !== 'ok') {
    return {
      verdict: 'failed',
      source: decisive.source,
      kind: null,
      reason:
        `${decisive.source} is configured here and ${decisive.outcome === 'timeout' ? 'timed out' : 'failed'}, ` +
        `so the chain stops without trying another principal: ${decisive.reason}${triedText}`,
    };
  }
  if (decisive !== undefined && decisive.kind !== 'long-lived') {
    return {
      verdict: 'role',
      source: decisive.source,
      kind: 'role',
      reason: `${decisive.source} would be used: ${decisive.reason}${triedText}`,
    };
  }
  const roles = inOrder.map((r) => `${r.source} ${r.outcome}`).join(', ') || 'no role source listed';
  const found =
    decisive !== undefined
      ? { source: decisive.source, accessKeyId: decisive.accessKeyId }
      : staticKeys.find((c) => c.found && c.accessKeyId !== undefined);
  if (found === undefined) {
    return {
      verdict: 'none',
      source: null,
      kind: null,
      reason: `no credentials: no role source worked (${roles}) and no static keys were found`,
    };
  }
  const temporary = 'temporary' in found && found.temporary === true;
  const keys = `${temporary ? 'temporary' : 'long-lived'} keys from ${found.source} (${found.accessKeyId})`;
  if (config.staticKeys === 'deny' && !temporary) {
    return {
      verdict: 'denied',
      source: found.source,
      kind: 'long-lived',
      reason: `${keys} would be refused because staticKeys is 'deny'; no role source worked (${roles})`,
    };
  }
  const warned = config.staticKeys === 'warn' && !temporary ? ', with a warning,' : '';
  return {
    verdict: 'static',
    source: found.source,
    kind: temporary ? 'role' : 'long-lived',
    reason: `${keys} would be used${warned} because no role source worked (${roles})`,
  };
}
