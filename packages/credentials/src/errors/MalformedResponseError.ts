import type { CredentialSource } from '../CredentialSource.js';
import { CredentialsProviderError } from './CredentialsProviderError.js';

/** What was wrong with a credentials reply. */
export type MalformedProblem =
  | 'invalid-json'
  | 'missing-field'
  | 'invalid-expiration'
  | 'code-not-success'
  | 'invalid-xml';

/**
 * A credential endpoint answered 200 with a body that is not usable credentials. The message names the
 * source, the URL and the problem, never the body (a truncated body can hold half a secret).
 */
export class MalformedResponseError extends CredentialsProviderError {
  override readonly name: string = 'MalformedResponseError';
  readonly problem: MalformedProblem;
  /** The missing or bad field, or the `Code` the server sent. */
  readonly detail: string | undefined;

  constructor(source: CredentialSource, url: string, problem: MalformedProblem, detail?: string) {
    super(`${source}: malformed credentials from ${url}: ${describe(problem, detail)}`, { source });
    this.problem = problem;
    this.detail = detail;
  }
}

function describe(problem: MalformedProblem, detail: string | undefined): string {
  switch (problem) {
    case 'invalid-json':
      return 'the body is not valid JSON';
    case 'invalid-xml':
      return 'the body is not the expected XML';
    case 'missing-field':
      return `field ${detail ?? '?'} is missing or not a string`;
    case 'invalid-expiration':
      return `Expiration ${detail === undefined ? '' : `"${detail}" `}is not an RFC 3339 date-time`;
    case 'code-not-success':
      return `Code is "${detail ?? ''}", not "Success"`;
  }
}
