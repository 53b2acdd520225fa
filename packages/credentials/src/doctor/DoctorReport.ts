import type { CredentialKind, CredentialSource, RoleSource } from '../CredentialSource.js';
import type { FromInstanceRoleInit } from '../FromInstanceRoleInit.js';
import type { DetectedRuntime } from '../platform/detectRuntime.js';

/** How long one role source may take before `diagnose` reports it as timed out. */
export const DEFAULT_DIAGNOSE_TIMEOUT_MS = 5000;

/**
 * Options of `diagnose`: the same init an app passes to `fromInstanceRole` (so the doctor sees what
 * the app would see), plus a time bound. Cache options (`scheduler`, `prefetch`, the windows) play no
 * part in a diagnosis and are ignored.
 */
export interface DiagnoseInit extends FromInstanceRoleInit {
  /** Longest time each role source may take; the three run side by side. Default 5000. */
  timeoutMs?: number;
}

/** What came of one probe. */
export type ProbeOutcome = 'ok' | 'failed' | 'timeout' | 'skipped' | 'inconclusive';

/** The probes of a diagnosis, in the order they are reported. */
export type DoctorProbeId =
  | 'lambda.env'
  | 'env-session.env'
  | 'profile-chain.profile'
  | 'container.env'
  | 'container.endpoint'
  | 'web-identity.token-file'
  | 'web-identity.sts'
  | 'imds.platform-hint'
  | 'imds.token'
  | 'imds.role'
  | 'imds.credentials';

/** One thing the doctor looked at: what it saw, what came of it, and how long it took. */
export interface DoctorProbe {
  readonly id: DoctorProbeId;
  /** The role source the probe belongs to. */
  readonly source: RoleSource;
  readonly outcome: ProbeOutcome;
  /** What the probe saw, in words; never a secret (key ids masked). */
  readonly detail: string;
  /** Time spent, from the injected clock. */
  readonly durationMs: number;
}

/** One role source as the chain would meet it. */
export interface DoctorSourceResult {
  readonly source: RoleSource;
  readonly outcome: 'ok' | 'failed' | 'timeout' | 'skipped';
  /** Why it was skipped or failed, or where the credentials came from. */
  readonly reason: string;
  /** Masked access key id of the credentials it returned. */
  readonly accessKeyId?: string;
  /** What it returned: a role's temporary credentials or long-lived keys. */
  readonly kind?: CredentialKind;
  /** ISO 8601 expiry of the credentials it returned. */
  readonly expiration?: string;
  readonly durationMs: number;
}

/** Where an effective setting came from, in precedence order. */
export type { SettingOrigin } from '../config/settingTable.js';

import type { SettingOrigin } from '../config/settingTable.js';

/** One effective setting and where it came from. */
export interface DoctorSetting {
  /** Dotted name, e.g. `imds.endpoint`. */
  readonly name: string;
  /** The value in effect; `null` when unset. Tokens are shown as `set (N chars)`, never verbatim. */
  readonly value: string | number | boolean | null;
  readonly origin: SettingOrigin;
  /** The option, env var or profile key that set it, e.g. `AWS_EC2_METADATA_SERVICE_ENDPOINT`. */
  readonly from?: string;
}

/** A static key source checked by the doctor. */
export interface StaticKeyCheck {
  readonly source: Extract<CredentialSource, 'hard-coded' | 'env' | 'profile'>;
  readonly found: boolean;
  /** Masked access key id (`AKIA…WXYZ`) when found. */
  readonly accessKeyId?: string;
  /** A session token goes with the keys (temporary credentials). */
  readonly temporary?: boolean;
  /** Where the keys are, or why none were found. */
  readonly detail: string;
}

/**
 * What `fromInstanceRole` would do here: `role` (a role source works), `static` (falls back to static
 * keys, with the warning unless `staticKeys: 'allow'`), `denied` (static keys found, `staticKeys:
 * 'deny'`), `failed` (a configured role source failed, so the chain stops there instead of changing
 * principal), `none` (nothing found), `misconfigured` (a setting cannot be parsed).
 */
export type DoctorVerdict = 'role' | 'static' | 'denied' | 'failed' | 'none' | 'misconfigured';

/** The result of `diagnose`. Plain data: `JSON.stringify` gives the `keyless doctor --json` output. */
export interface DoctorReport {
  readonly verdict: DoctorVerdict;
  /** The source that would be used (or refused, for `denied`). */
  readonly source: CredentialSource | null;
  /** What would be used: a role's temporary credentials or long-lived keys; null when nothing would. */
  readonly kind: CredentialKind | null;
  /** Where this process seems to run, from the variables each platform sets; null when misconfigured. */
  readonly runtime: DetectedRuntime | null;
  /** Why, in one sentence. */
  readonly reason: string;
  readonly sources: readonly DoctorSourceResult[];
  readonly probes: readonly DoctorProbe[];
  readonly settings: readonly DoctorSetting[];
  readonly staticKeys: readonly StaticKeyCheck[];
  /** Static keys present, half-set key pairs, configuration errors. */
  readonly warnings: readonly string[];
  /** Whole diagnosis, from the injected clock. */
  readonly durationMs: number;
}
