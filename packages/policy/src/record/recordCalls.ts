import type { InitializeHandlerOptions, MetadataBearer, Pluggable } from '@smithy/types';
import { identifyingInput } from './identifyingInput.js';
import type { CallSink, RecordedCall } from './RecordedCall.js';
import { writeCall } from './writeCall.js';

export type RecordCallsInit = CallSink & {
  /** Called when the sink throws (a full disk); the SDK call goes on either way. */
  onError?: (e: unknown) => void;
};

const STEP: InitializeHandlerOptions & { name: string; override: true } = {
  step: 'initialize',
  name: 'keylessRecordCalls',
  override: true,
};

const statusOf = (v: unknown) => (v as Partial<MetadataBearer> | undefined)?.$metadata?.httpStatusCode;

/**
 * An AWS SDK v3 middleware plugin that records every call a client makes: the service, the
 * operation, the parameters that name a resource (see `identifyingInput`) and the outcome, as one
 * `RecordedCall` per call. `keyless policy --recorded calls.jsonl` merges them with the code.
 *
 * ```ts
 * client.middlewareStack.use(recordCalls({ file: 'calls.jsonl' }));
 * ```
 * A `DynamoDBDocumentClient` shares its client's stack, so its calls are recorded too.
 */
export function recordCalls(init: RecordCallsInit): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(
        (next, context) => async (args) => {
          const service = String(context.clientName ?? '')
            .replace(/Client$/, '')
            .toLowerCase();
          const operation = String(context.commandName ?? '').replace(/Command$/, '');
          const base = {
            sdk: 'v3' as const,
            service,
            operation,
            input: identifyingInput(service, args.input),
          };
          try {
            const result = await next(args);
            const status = statusOf(result.output);
            writeCall(
              init,
              { ...base, outcome: { ok: true, ...(status !== undefined && { status }) } },
              init.onError,
            );
            return result;
          } catch (e: unknown) {
            const status = statusOf(e);
            const error = e instanceof Error ? e.name : 'Error';
            const outcome: RecordedCall['outcome'] = {
              ok: false,
              error,
              ...(status !== undefined && { status }),
            };
            writeCall(init, { ...base, outcome }, init.onError);
            throw e;
          }
        },
        STEP,
      );
    },
  };
}
