// The SDK's STS and SSO clients have no request timeout by default, so a blackholed endpoint would
// hold a refresh (and `keyless doctor`) forever. Three attempts at these limits bound one call to ~10 s.
const CONNECTION_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 3_000;

/** `requestHandler` options for every SDK client keyless creates (STS, SSO). */
export const SDK_REQUEST_HANDLER = {
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  // Without it the handler only logs that the timeout passed and keeps waiting.
  throwOnRequestTimeout: true,
} as const;
