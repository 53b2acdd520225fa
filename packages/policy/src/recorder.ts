// `@keyless/policy/recorder`: what a running service loads to record its AWS calls. A subpath of
// its own, so the service loads neither the code analysis nor the IAM data.

/** The parameters of a request that name a resource: the only ones recorded. */
export { identifyingInput } from './record/identifyingInput.js';
/** One recorded call (a line of the JSONL file), and where records go. */
export type { CallSink, RecordedCall } from './record/RecordedCall.js';
/** The AWS SDK v3 middleware plugin that records every call of a client. */
export { type RecordCallsInit, recordCalls } from './record/recordCalls.js';
/** The `aws-sdk` v2 `complete` listener that records every call. */
export { recordCallsV2, type V2Response } from './record/recordCallsV2.js';
