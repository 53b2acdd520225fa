import type { V2CredentialsError } from './V2CredentialsError.js';

/**
 * The public contract of `AWS.Credentials` in `aws-sdk` v2 (lib/credentials.d.ts), restated here so
 * this package's types do not depend on the optional `aws-sdk` peer.
 */
export interface V2Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Set to `true` by aws-sdk v2 when a service answers `ExpiredToken`; forces a refresh. */
  expired: boolean;
  expireTime: Date;
  /** Seconds before `expireTime` at which `needsRefresh()` turns true. */
  expiryWindow: number;
  get(callback: (err?: V2CredentialsError) => void): void;
  getPromise(): Promise<void>;
  needsRefresh(): boolean;
  refresh(callback: (err?: V2CredentialsError) => void): void;
  refreshPromise(): Promise<void>;
}

/** What the adapter relies on from `AWS.Credentials.prototype` (lib/credentials.js). */
export interface V2CredentialsBase {
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  sessionToken: string | undefined;
  expireTime: Date | null;
  expiryWindow: number;
  coalesceRefresh(callback: (err?: Error) => void, sync?: boolean): void;
}

/** `AWS.Credentials` itself. */
export type V2CredentialsBaseConstructor = new () => V2CredentialsBase;

/** The part of the `aws-sdk` v2 module the adapter needs: `require('aws-sdk')` or `require('aws-sdk/global')`. */
export interface AwsSdkV2 {
  Credentials: unknown;
}
