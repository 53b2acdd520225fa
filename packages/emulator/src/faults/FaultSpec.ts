import type { RequestKind } from '../RequestLog.js';

/** Which requests a fault applies to, and how often. Every given field must match. */
export interface FaultTarget {
  /** Exact request path (no query string), or a pattern tested against it. */
  path?: string | RegExp;
  kind?: RequestKind;
  /** HTTP method, e.g. `PUT` to hit only the IMDS token call. */
  method?: string;
  /** Apply to the next N matching requests, then stop (default: until cleared). */
  times?: number;
  /** Apply to each matching request with this probability (0..1), drawn from the seeded generator. */
  probability?: number;
}

/** What goes wrong. */
export type FaultAction =
  /** Wait before the status line (`headers`, default) or after the first half of the body (`body`). */
  | { type: 'latency'; ms: number; stage?: 'headers' | 'body' }
  /** Read the request and never answer (until the emulator stops). */
  | { type: 'hang' }
  /** Destroy the socket with a TCP RST instead of answering. */
  | { type: 'reset' }
  /** Reset new connections as soon as they are accepted, before any byte is read. */
  | { type: 'refuse' }
  /** Answer with this status and the surface's usual error body. */
  | { type: 'status'; status: number }
  /** Throttle: 429 on IMDS and the container endpoints, `Throttling` (400) on STS, `SlowDown` (503) on S3. */
  | { type: 'throttle'; retryAfterSeconds?: number }
  /** A syntactically broken body (invalid JSON or XML, non-UTF-8 text) with a 200 status. */
  | { type: 'malformed' }
  /** Announce the full Content-Length, send half the body, then close the connection. */
  | { type: 'partial' }
  /** IMDS credentials with this `Code` instead of `Success`; on STS and S3, an error with this code. */
  | { type: 'code'; code: string }
  /** Credentials whose Expiration is already in the past. */
  | { type: 'expired' }
  /** Credentials that expire `remainingMs` after they are first served. */
  | { type: 'near-expiry'; remainingMs: number }
  /** Forget every IMDSv2 token when a matching metadata request arrives, so it gets 401. */
  | { type: 'invalidate-tokens' }
  /** Answer the token PUT without the `X-aws-ec2-metadata-token-ttl-seconds` reply header. */
  | { type: 'no-ttl-header' }
  /** IMDS turned off: 403 for every IMDS request. */
  | { type: 'imds-disabled' };

/** A fault: a target and an action, e.g. `{ kind: 'imds-token', times: 1, type: 'hang' }`. */
export type FaultSpec = FaultTarget & FaultAction;

/** The names of all fault types. */
export type FaultType = FaultAction['type'];

/** Controls one installed fault. */
export interface FaultHandle {
  /** Removes the fault; requests already affected stay affected. */
  clear(): void;
  /** How many requests (or connections, for `refuse`) the fault has been applied to. */
  readonly hits: number;
}
