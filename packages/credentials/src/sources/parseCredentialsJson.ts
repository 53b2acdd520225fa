import { redactSecrets } from '@keyless/redact';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { CredentialSource } from '../CredentialSource.js';
import { MalformedResponseError } from '../errors/MalformedResponseError.js';

// RFC 3339 date-time: fractional seconds and numeric offsets allowed (EKS sends RFC3339Nano).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A credentials reply to parse: who sent it, from where, and the secrets the request carried. */
export interface CredentialsReply {
  readonly source: CredentialSource;
  /** The URL as shown in messages (no userinfo, no query). */
  readonly url: string;
  readonly body: string;
  /** Secrets the request carried (the authorization token): removed verbatim if the server echoes them. */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * Parses the JSON credentials document IMDS and the container endpoints serve
 * (`AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration`, optional `Code`, `AccountId`). Every
 * problem is a {@link MalformedResponseError} naming the source and the URL; the body never goes into
 * the error, since a truncated one can hold part of a secret.
 */
export function parseCredentialsJson(reply: CredentialsReply): AwsCredentialIdentity {
  const { source, url, body } = reply;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new MalformedResponseError(source, url, 'invalid-json');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new MalformedResponseError(source, url, 'invalid-json');
  }
  const doc = json as Record<string, unknown>;
  // The reply's own secrets too: a server that puts the token into `Code` must not get it quoted.
  const known = [
    ...(reply.secrets ?? []),
    ...[doc.SecretAccessKey, doc.Token].filter((v) => typeof v === 'string'),
  ];
  const short = (value: unknown): string => {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    return redactSecrets(text, { known, maxLength: 48 });
  };
  if (doc.Code !== undefined && doc.Code !== 'Success') {
    throw new MalformedResponseError(source, url, 'code-not-success', short(doc.Code));
  }
  for (const field of ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration']) {
    if (typeof doc[field] !== 'string' || doc[field] === '') {
      throw new MalformedResponseError(source, url, 'missing-field', field);
    }
  }
  const expiration = parseRfc3339(doc.Expiration as string);
  if (expiration === undefined) {
    throw new MalformedResponseError(source, url, 'invalid-expiration', short(doc.Expiration));
  }
  return {
    accessKeyId: doc.AccessKeyId as string,
    secretAccessKey: doc.SecretAccessKey as string,
    sessionToken: doc.Token as string,
    expiration,
    ...(typeof doc.AccountId === 'string' && doc.AccountId !== '' ? { accountId: doc.AccountId } : {}),
  };
}

/** A `Date` for an RFC 3339 date-time string, or undefined. */
export function parseRfc3339(value: string): Date | undefined {
  if (!RFC3339.test(value)) return undefined;
  const date = new Date(value.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
