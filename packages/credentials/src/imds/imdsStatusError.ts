import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';

/**
 * The error for an IMDS reply that is not what was asked for. Only a 400 is non-recoverable (the
 * request itself is wrong, retrying cannot help); everything else may pass.
 */
export function imdsStatusError(status: number, what: string, url: string): CredentialsProviderError {
  return new CredentialsProviderError(`imds: ${what} request answered ${describe(status)} (${url})`, {
    source: 'imds',
    recoverable: status !== 400,
  });
}

function describe(status: number): string {
  switch (status) {
    case 200:
      return '200 with an unusable body';
    case 400:
      return '400 Bad Request; check AWS_EC2_METADATA_SERVICE_ENDPOINT points at IMDS';
    case 401:
      return '401 even with a fresh token';
    case 403:
      return '403; the instance metadata endpoint may be turned off (HttpEndpoint=disabled)';
    case 404:
      return '404 Not Found';
    case 429:
      return '429 Too Many Requests after every retry';
    default:
      return status >= 500 ? `${status} after every retry` : String(status);
  }
}
