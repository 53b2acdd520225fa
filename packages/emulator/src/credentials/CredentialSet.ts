/** Where an issued credential set came from. */
export type CredentialSource = 'instance-role' | 'assume-role' | 'web-identity' | 'sso' | 'fault';

/** One set of temporary credentials the emulator issued; STS verifies signatures against these. */
export interface CredentialSet {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** When the set stops being accepted by the emulator's STS. */
  readonly expiration: Date;
  /** When the set was issued (`LastUpdated` on IMDS). */
  readonly issuedAt: Date;
  readonly roleName: string;
  readonly accountId: string;
  /** The session part of the assumed-role ARN (the instance id for instance-role sets). */
  readonly sessionName: string;
  readonly source: CredentialSource;
}
