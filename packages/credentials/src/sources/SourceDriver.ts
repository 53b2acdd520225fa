import type { AwsCredentialIdentity, Logger } from '@smithy/types';
import type { CredentialSource } from '../CredentialSource.js';
import type { ProfileData } from '../config/loadProfile.js';
import type { ResolvedConfig, Settings } from '../config/resolveConfig.js';
import type { HttpRequest } from '../io/httpRequest.js';
import type { ReadFile } from '../io/readFile.js';
import type { Sleep } from '../io/sleep.js';

/** I/O seams shared by every source; tests replace the HTTP or file seam, nothing else. */
export interface Seams {
  request: HttpRequest;
  readFile: ReadFile;
  sleep: Sleep;
}

/** What a source sees on each chain run. */
export interface SourceContext {
  readonly config: ResolvedConfig;
  readonly settings: Settings;
  readonly profile: ProfileData;
  readonly logger: Logger;
  readonly clock: { now(): number };
  readonly random: () => number;
  readonly seams: Seams;
  /** The cache retries on its own (a failing source's backoff): one HTTP attempt, no retries inside it. */
  readonly singleAttempt: boolean;
}

/**
 * One credential source. Built once per shared cache (a source may keep state, like the IMDS token),
 * asked on each chain run.
 */
export interface SourceDriver {
  readonly name: CredentialSource;
  /**
   * A failure of this source, once it applies here (not skipped), ends the search instead of trying
   * the next source: its variables say which principal this workload is meant to be, and any other
   * source would silently hand it another (the node's role instead of the pod's). IMDS is the one
   * role source that fails open, to the long-lived keys and their `staticKeys` policy.
   */
  readonly failClosed: boolean;
  /** Reads env only: it runs before the shared config files are read (a Lambda cold start reads none). */
  readonly envOnly?: true;
  /** Why the source does not apply on this host, or undefined when it does. Never touches the network. */
  skipReason(ctx: SourceContext): Promise<string | undefined>;
  /** Fetches credentials; rejects with a `CredentialsProviderError` naming the source. */
  fetch(ctx: SourceContext): Promise<AwsCredentialIdentity>;
}
