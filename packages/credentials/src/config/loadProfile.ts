import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import type { ResolvedConfig } from './resolveConfig.js';

/** The keys of one profile: the config file's section with the credentials file's on top. */
export type ProfileData = Readonly<Record<string, string | undefined>>;

/**
 * Reads the selected profile from the shared config and credentials files, uncached, so a rotated
 * credentials file or a changed setting is seen at the next refresh. Missing files give an empty
 * profile, as in the SDK.
 */
export async function loadProfile(config: ResolvedConfig): Promise<ProfileData> {
  const { configFile, credentialsFile } = await loadSharedConfigFiles({
    filepath: config.files.credentials,
    configFilepath: config.files.config,
    ignoreCache: true,
  });
  return { ...configFile[config.profile], ...credentialsFile[config.profile] };
}
