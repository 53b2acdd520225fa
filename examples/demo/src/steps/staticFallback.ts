import { fromInstanceRole, maskAccessKeyId } from '@keyless/credentials';
import type { Emulator } from '@keyless/emulator';
import type { Logger } from '@smithy/types';
import type { Narrator } from '../Narrator.js';

/**
 * Step 3: the role is detached. With the default policy the provider falls back to the static keys
 * in the environment and says so once; with `staticKeys: 'deny'` it refuses, listing every attempt.
 */
export async function staticFallback(
  emulator: Emulator,
  staticKeys: { accessKeyId: string; secretAccessKey: string },
  out: Narrator,
): Promise<void> {
  out.step(4, 'The role is detached: loud fallback to long-lived keys, then deny');
  emulator.detachRole();
  const env = {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.endpoints.imds,
    AWS_ACCESS_KEY_ID: staticKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: staticKeys.secretAccessKey,
  };
  const warnings: string[] = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message: unknown) => warnings.push(String(message)),
    error: () => {},
  };
  const warn = fromInstanceRole({ env, logger });
  try {
    for (let i = 0; i < 3; i++) await warn({ forceRefresh: true });
    const resolved = await warn();
    out.ok(
      `staticKeys: 'warn' (the default) → source ${resolved.source}, key ${maskAccessKeyId(resolved.accessKeyId)}`,
    );
    out.say(`three refreshes, ${warnings.length} warning:`);
    for (const line of warnings) out.quote(line);
  } finally {
    warn.close();
  }
  const deny = fromInstanceRole({ env, staticKeys: 'deny' });
  try {
    const refused = await deny().then(
      (resolved) => new Error(`staticKeys: 'deny' returned keys from ${resolved.source}`),
      (error: unknown) => error,
    );
    if (!(refused instanceof Error) || refused.message.startsWith("staticKeys: 'deny' returned"))
      throw refused;
    out.ok(`staticKeys: 'deny' → ${refused.name}:`);
    out.quote(refused.message);
  } finally {
    deny.close();
    emulator.attachRole();
  }
}
