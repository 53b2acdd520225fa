import { maskAccessKeyId, redactSecrets } from '@keyless/redact';
import * as E from '../config/envNames.js';
import type { SourceContext } from '../sources/SourceDriver.js';
import { staticSources } from '../sources/staticSources.js';
import { toError } from '../toError.js';
import type { StaticKeyCheck } from './DoctorReport.js';

/**
 * Asks the chain's own static readers (explicit keys, env, profile) what they would return. Only the
 * masked key id is kept; the secret is dropped here and never reaches the report.
 */
export async function checkStaticKeys(ctx: SourceContext): Promise<StaticKeyCheck[]> {
  const checks: StaticKeyCheck[] = [];
  for (const driver of staticSources) {
    const source = driver.name as StaticKeyCheck['source'];
    const skip = await driver.skipReason(ctx);
    if (skip !== undefined) {
      checks.push({ source, found: false, detail: skip });
      continue;
    }
    try {
      const { accessKeyId, sessionToken } = await driver.fetch(ctx);
      checks.push({
        source,
        found: true,
        accessKeyId: maskAccessKeyId(accessKeyId),
        temporary: sessionToken !== undefined,
        detail: where(source, ctx),
      });
    } catch (e: unknown) {
      // Keys are there but unusable (a bad AWS_CREDENTIAL_EXPIRATION): still static keys to remove.
      checks.push({
        source,
        found: true,
        detail: `${where(source, ctx)}: ${redactSecrets(toError(e).message)}`,
      });
    }
  }
  return checks;
}

/** Warnings for the keys found and for half-set key pairs, which the readers skip silently. */
export function staticKeyWarnings(checks: readonly StaticKeyCheck[], ctx: SourceContext): string[] {
  const warnings = checks
    // Temporary keys are a session (Lambda's, a CI job's), nothing to remove or rotate.
    .filter((c) => c.found && c.temporary !== true)
    .map(
      (c) =>
        `long-lived AWS keys (${c.accessKeyId ?? 'unusable'}) in ${c.detail}: ` +
        'remove them once a role works here, and rotate them if they were ever shared',
    );
  const { accessKeyId, secretAccessKey } = ctx.config.envKeys;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    const [set, unset] =
      accessKeyId === undefined
        ? [E.ENV_SECRET_ACCESS_KEY, E.ENV_ACCESS_KEY_ID]
        : [E.ENV_ACCESS_KEY_ID, E.ENV_SECRET_ACCESS_KEY];
    warnings.push(`${set} is set but ${unset} is not: half a key pair, ignored`);
  }
  const p = ctx.profile;
  if ((p[E.CONFIG_ACCESS_KEY_ID] === undefined) !== (p[E.CONFIG_SECRET_ACCESS_KEY] === undefined)) {
    warnings.push(
      `profile "${ctx.config.profile}" has only one of ${E.CONFIG_ACCESS_KEY_ID} / ${E.CONFIG_SECRET_ACCESS_KEY}: half a key pair, ignored`,
    );
  }
  return warnings;
}

function where(source: StaticKeyCheck['source'], ctx: SourceContext): string {
  if (source === 'hard-coded') return 'the staticCredentials option';
  if (source === 'env') return E.ENV_ACCESS_KEY_ID;
  return `profile "${ctx.config.profile}" (${ctx.config.files.credentials} or ${ctx.config.files.config})`;
}
