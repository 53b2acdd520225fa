/** How bad a finding is, in SARIF's terms (`error` for a live key, `note` for advice). */
export type Severity = 'error' | 'warning' | 'note';

/**
 * One thing the scanner found. Secrets never live here: `keyId` is masked and `keyHash` is a
 * one-way digest, so a finding can be logged, serialised and baselined as it is.
 */
export interface Finding {
  /** Stable rule id, e.g. `aws-access-key-id`, `aws-static-credentials-v3`. */
  ruleId: string;
  severity: Severity;
  /** The path the finding's source was read from, as given to the scanner. */
  file: string;
  /** 1-based line and column of the start, and of the end (exclusive column). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What was found and what to do next; never contains a secret. */
  message: string;
  /** Masked access key id (`AKIA…WXYZ`) when the finding involves one. */
  keyId?: string;
  /** First 16 hex chars of the SHA-256 of the full key id: dedupes the rotation list and baselines. */
  keyHash?: string;
  /**
   * First 16 hex chars of the SHA-256 of the secret or session token, for findings about a secret
   * with no key id in sight (baselines fingerprint on it); one-way like `keyHash`.
   */
  secretHash?: string;
  /** Whether `fix` rewrites this finding with the chosen target. */
  fixable: boolean;
  /** For findings that are not fixable: the change a person should make. */
  suggestion?: string;
  /**
   * Other places in the same file that belong to the finding (1-based, like the finding): the
   * client or config that uses a key, when the finding sits on the key's own line.
   */
  related?: RelatedLocation[];
}

/** A place in the finding's file that explains it (SARIF `relatedLocations`). */
export interface RelatedLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
