import type { AwsCredentialIdentity } from '@smithy/types';
import * as E from '../config/envNames.js';
import { envCredentials, envKeysMissing } from './envSessionSources.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';

/**
 * The static sources, tried only after every role source was skipped or failed open, in this order:
 * keys the app passed explicitly (`staticCredentials`), the `AWS_ACCESS_KEY_ID` environment variables
 * then the keys in the shared credentials/config profile. Long-lived keys
 * from any of them go through the `staticKeys` policy.
 */
export const staticSources: readonly SourceDriver[] = [
  {
    name: 'hard-coded',
    failClosed: false,
    async skipReason(ctx) {
      return ctx.config.staticCredentials === undefined ? 'no staticCredentials given' : undefined;
    },
    async fetch(ctx) {
      return ctx.config.staticCredentials as AwsCredentialIdentity;
    },
  },
  {
    name: 'env',
    failClosed: false,
    // Env keys the session sources did not take (a selected profile, or `sources` without them).
    skipReason: async (ctx) => envKeysMissing(ctx),
    fetch: async (ctx) => envCredentials(ctx, 'env'),
  },
  {
    name: 'profile',
    failClosed: false,
    async skipReason(ctx) {
      const p = ctx.profile;
      if (p[E.CONFIG_ACCESS_KEY_ID] !== undefined && p[E.CONFIG_SECRET_ACCESS_KEY] !== undefined)
        return undefined;
      return `profile "${ctx.config.profile}" has no ${E.CONFIG_ACCESS_KEY_ID} / ${E.CONFIG_SECRET_ACCESS_KEY} (${where(ctx)})`;
    },
    async fetch(ctx) {
      const p = ctx.profile;
      const sessionToken = p[E.CONFIG_SESSION_TOKEN];
      return {
        accessKeyId: p[E.CONFIG_ACCESS_KEY_ID] as string,
        secretAccessKey: p[E.CONFIG_SECRET_ACCESS_KEY] as string,
        ...(sessionToken === undefined ? {} : { sessionToken }),
      };
    },
  },
];

function where(ctx: SourceContext): string {
  return `${ctx.config.files.credentials}, ${ctx.config.files.config}`;
}
