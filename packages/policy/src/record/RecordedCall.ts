/** One AWS SDK call as the recorder writes it: one JSON object per line of a JSONL file. */
export interface RecordedCall {
  sdk: 'v3' | 'v2';
  /** The service as the SDK names its client, lower-cased: `s3`, `dynamodb`, `secretsmanager`, `cloudwatchlogs`. */
  service: string;
  /** The operation (`GetObject`), as the IAM reference names actions. */
  operation: string;
  /** Only the parameters that name a resource (`Bucket`, `Key`, `TableName`...): never bodies, items or messages. */
  input: Record<string, unknown>;
  /** How the call ended: the HTTP status, and the error's name when it failed. */
  outcome: { ok: true; status?: number } | { ok: false; error: string; status?: number };
}

/** Where recorded calls go: a JSONL file (appended to), or a function of yours. */
export type CallSink = { file: string } | { write: (call: RecordedCall) => void };
