import { identifyingInput } from './identifyingInput.js';
import type { RecordedCall } from './RecordedCall.js';
import type { RecordCallsInit } from './recordCalls.js';
import { writeCall } from './writeCall.js';

/** What the recorder reads of an `aws-sdk` v2 `AWS.Response` (the SDK is not a dependency). */
export interface V2Response {
  request: {
    operation: string;
    params?: unknown;
    service: { serviceIdentifier?: string; api?: { serviceId?: string } };
  };
  error?: { name?: string; code?: string; statusCode?: number } | null;
  httpResponse?: { statusCode?: number };
}

/**
 * An `aws-sdk` v2 listener for the `complete` event that records each call like `recordCalls`:
 * `AWS.events.on('complete', recordCallsV2({ file: 'calls.jsonl' }))` for every client of the
 * process (or `request.on('complete', ...)` for one request).
 */
export function recordCallsV2(init: RecordCallsInit): (response: V2Response) => void {
  return (response) => {
    const { request } = response;
    const service = (request.service.serviceIdentifier ?? request.service.api?.serviceId ?? '')
      .toLowerCase()
      .replace(/[\s-]/g, '');
    const status = response.error?.statusCode ?? response.httpResponse?.statusCode;
    const outcome: RecordedCall['outcome'] =
      response.error == null
        ? { ok: true, ...(status !== undefined && { status }) }
        : {
            ok: false,
            error: response.error.code ?? response.error.name ?? 'Error',
            ...(status !== undefined && { status }),
          };
    writeCall(
      init,
      {
        sdk: 'v2',
        service,
        // v2 names operations in lowerCamelCase (`getObject`); IAM and v3 in PascalCase.
        operation: request.operation.charAt(0).toUpperCase() + request.operation.slice(1),
        input: identifyingInput(service, request.params),
        outcome,
      },
      init.onError,
    );
  };
}
