import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ResolvedConfig } from './resolveConfig.js';

/** The keys of one profile: the config file's section with the credentials file's on top. */
export type ProfileData = Readonly<Record<string, string | undefined>>;

type SharedFiles = Awaited<ReturnType<typeof loadSharedConfigFiles>>;

// Reads in flight, by file pair: thousands of caches starting at once (one per configuration) share
// one read instead of opening both files thousands of times.
const reading = new Map<string, Promise<SharedFiles>>();

function readFiles(credentials: string, config: string): Promise<SharedFiles> {
  const key = `${credentials}\0${config}`;
  let pending = reading.get(key);
  if (pending === undefined) {
    pending = loadSharedConfigFiles({
      filepath: credentials,
      configFilepath: config,
      ignoreCache: true,
    }).finally(() => reading.delete(key));
    reading.set(key, pending);
  }
  return pending;
}

/**
 * Reads the selected profile from the shared config and credentials files, uncached (a read joins
 * only one already in flight), so a rotated credentials file or a changed setting is seen at the next
 * refresh. Missing files give an empty profile, as in the SDK.
 */
export async function loadProfile(config: ResolvedConfig): Promise<ProfileData> {
  const { configFile, credentialsFile } = await readFiles(config.files.credentials, config.files.config);
  return { ...configFile[config.profile], ...credentialsFile[config.profile] };
}
