/**
 * The public functions and classes each library must export, in both module formats. Not the whole
 * API (each package's own tests cover that): the entry points its README tells people to call.
 */
export const PUBLIC_API = {
  '@keyless/redact': ['redactSecrets', 'maskAccessKeyId', 'redactError', 'RedactedError'],
  '@keyless/emulator': ['startEmulator', 'parseFaultSpec'],
  '@keyless/credentials': [
    'fromInstanceRole',
    'maskAccessKeyId',
    'CredentialsProviderError',
    'CredentialsChainError',
    'RefreshCache',
  ],
  '@keyless/shims': [
    'withInstanceRole',
    'fromAssumedRole',
    'InstanceRoleCredentials',
    'AssumedRoleCache',
    'withExpiredTokenRecovery',
  ],
  '@keyless/codemod': ['analyzeSource', 'sweep', 'fileKind', 'maskKeyId', 'formatJson', 'formatSarif'],
  '@keyless/policy': [
    'derivePolicy',
    'readSources',
    'policyReport',
    'policyDocument',
    'checkPolicy',
    'parseDeployed',
  ],
  '@keyless/policy/recorder': ['recordCalls', 'recordCallsV2'],
} as const;

export type LibraryName = keyof typeof PUBLIC_API;
export const LIBRARIES = Object.keys(PUBLIC_API) as LibraryName[];

/** What `scripts/probe.cjs` prints. */
export interface SmokeReport {
  format: 'esm' | 'cjs';
  exports: Record<LibraryName, Record<string, string>>;
  probes: {
    redact: { text: string; expected: string };
    emulatorUrl: string;
    faultSpec: unknown;
    credentials: {
      source: string;
      isServedKey: boolean;
      masked: string;
      expectedMask: string;
      imdsCredentialCalls: number;
    };
    shims: { source: string; isServedKey: boolean; cacheBound: number };
    codemod: {
      ruleIds: string[];
      keyIds: string[];
      expectedMask: string;
      leaksKey: boolean;
      leaksSecret: boolean;
    };
    policy: { Action: string[]; Resource: string[] }[];
  };
}
