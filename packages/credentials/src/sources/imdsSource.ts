import { ENV_IMDS_DISABLED, ENV_IMDS_ENDPOINT, ENV_LAMBDA_FUNCTION_NAME } from '../config/envNames.js';
import type { Settings } from '../config/resolveConfig.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import type { ImdsClient } from '../imds/ImdsClient.js';
import { imdsPresence } from '../imds/imdsPresence.js';
import { sharedImdsClient } from '../imds/sharedImdsClients.js';
import { HttpTransportError, isUnreachable } from '../io/HttpTransportError.js';
import { platformHint } from '../platform/platformHint.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';

/**
 * EC2 instance role credentials through keyless's own {@link ImdsClient}. Skipped without a network
 * call when IMDS is disabled, when the platform hint says this is clearly not EC2, or when the first
 * probe of the default address found nothing; an explicitly set endpoint is always asked.
 */
export function imdsSource(): SourceDriver {
  // The process's shared client for these settings (token, role name, in-flight fetch); held here so
  // it lives as long as this source.
  let client: ImdsClient | undefined;
  const clientFor = (ctx: SourceContext): ImdsClient => {
    client = sharedImdsClient({
      ...ctx.settings.imds,
      clock: ctx.clock,
      random: ctx.random,
      seams: ctx.seams,
    });
    return client;
  };
  return {
    name: 'imds',
    failClosed: false,
    async skipReason(ctx) {
      const s = ctx.settings.imds;
      if (s.disabled) return `${ENV_IMDS_DISABLED} is set`;
      if (s.explicitEndpoint) return undefined;
      if (ctx.config.lambdaFunctionName !== undefined)
        return `on AWS Lambda (${ENV_LAMBDA_FUNCTION_NAME} is set), which has no IMDS`;
      const hint = await platformHint(ctx.seams.readFile);
      if (hint.kind === 'not-ec2') {
        return `not an EC2 instance (${hint.evidence}); set ${ENV_IMDS_ENDPOINT} to ask IMDS anyway`;
      }
      const absent = imdsPresence.absentReason(s.endpoint, ctx.clock.now());
      return absent === undefined
        ? undefined
        : `IMDS at ${s.endpoint} did not answer this process's probe (${absent})`;
    },
    async fetch(ctx) {
      const s = ctx.settings.imds;
      // First contact with any endpoint: a timeout or refusal is final (the SDKs' one attempt).
      const probe = !imdsPresence.isKnownPresent(s.endpoint);
      try {
        const credentials = await clientFor(ctx).fetchCredentials({
          probe,
          logger: ctx.logger,
          ...(ctx.singleAttempt ? { maxAttempts: 1 } : {}),
        });
        imdsPresence.markPresent(s.endpoint);
        return credentials;
      } catch (e: unknown) {
        if (probe && isAbsence(e) && (await mayMarkAbsent(ctx, s)))
          imdsPresence.markAbsent(s.endpoint, (e as HttpTransportError).code, ctx.clock.now());
        if (e instanceof HttpTransportError) {
          throw new CredentialsProviderError(`imds: ${e.message}`, { source: 'imds', cause: e });
        }
        throw e;
      }
    },
  };
}

/** Only the default address on a host the platform hint could not place is ever marked absent. */
async function mayMarkAbsent(ctx: SourceContext, s: Settings['imds']): Promise<boolean> {
  if (s.explicitEndpoint) return false;
  return (await platformHint(ctx.seams.readFile)).kind === 'unknown';
}

/** Nothing listens or no route: proof of absence. A timeout is not (a busy host answers late). */
function isAbsence(e: unknown): boolean {
  return isUnreachable(e) && (e as HttpTransportError).code !== 'ETIMEDOUT';
}
