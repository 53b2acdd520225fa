import { redactSecrets } from '@keyless/redact';
import {
  ENV_CONTAINER_FULL_URI,
  ENV_CONTAINER_RELATIVE_URI,
  ENV_CONTAINER_TOKEN,
  ENV_CONTAINER_TOKEN_FILE,
} from '../config/envNames.js';
import { CredentialsProviderError } from '../errors/CredentialsProviderError.js';
import type { HttpResponse } from '../io/httpRequest.js';
import { sendWithRetry } from '../io/sendWithRetry.js';
import { toError } from '../toError.js';
import { parseCredentialsJson } from './parseCredentialsJson.js';
import type { SourceContext, SourceDriver } from './SourceDriver.js';

const ECS_HOST = 'http://169.254.170.2';
const ALLOWED_HOSTS = new Set(['169.254.170.2', '169.254.170.23', '[fd00:ec2::23]', 'localhost', '[::1]']);
export const CONTAINER_TIMEOUT_MS = 2000;
export const CONTAINER_MAX_ATTEMPTS = 3;

/**
 * ECS task role and EKS Pod Identity credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` /
 * `_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)`). Same URL allow-list, token rules and
 * JSON as `@aws-sdk/credential-provider-http`'s `fromHttp`, but not its code: `fromHttp` puts the JSON
 * parser's message (which quotes the body, so possibly part of a secret) into its error, ignores
 * `Code` and `AccountId`, retries on a fixed 1 s sleep with no deadline, and falls back to
 * `process.env` for any option left unset. This one goes through the package's HTTP seam with
 * jittered retries inside one deadline, and reports typed errors that never quote the body.
 */
export function containerSource(): SourceDriver {
  return {
    name: 'container',
    failClosed: true,
    async skipReason(ctx) {
      const { relativeUri, fullUri } = ctx.config.container;
      return relativeUri === undefined && fullUri === undefined
        ? `${ENV_CONTAINER_RELATIVE_URI} and ${ENV_CONTAINER_FULL_URI} are not set`
        : undefined;
    },
    async fetch(ctx) {
      const url = containerUrl(ctx.config.container.relativeUri, ctx.config.container.fullUri);
      const authorization = await authorizationHeader(ctx);
      const attempts = ctx.singleAttempt ? 1 : CONTAINER_MAX_ATTEMPTS;
      const shown = `${url.origin}${url.pathname}`;
      let response: HttpResponse;
      try {
        response = await sendWithRetry(
          {
            request: ctx.seams.request,
            sleep: ctx.seams.sleep,
            random: ctx.random,
            timeoutMs: CONTAINER_TIMEOUT_MS,
            maxAttempts: attempts,
            deadline: AbortSignal.timeout(CONTAINER_TIMEOUT_MS * attempts),
            deadlineAt: performance.now() + CONTAINER_TIMEOUT_MS * attempts,
          },
          {
            method: 'GET',
            url: url.href,
            headers: authorization === undefined ? {} : { Authorization: authorization },
          },
        );
      } catch (e: unknown) {
        throw new CredentialsProviderError(`container: ${toError(e).message}`, {
          source: 'container',
          cause: e,
          secrets: [authorization],
        });
      }
      if (response.status === 200) {
        return parseCredentialsJson({
          source: 'container',
          url: shown,
          body: response.body,
          secrets: [authorization],
        });
      }
      throw statusError(response, shown, authorization);
    },
  };
}

function containerUrl(relativeUri: string | undefined, fullUri: string | undefined): URL {
  // The relative URI wins when both are set, as in every SDK.
  const raw = relativeUri !== undefined ? `${ECS_HOST}${relativeUri}` : (fullUri ?? '');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw configError(
      `${relativeUri !== undefined ? ENV_CONTAINER_RELATIVE_URI : ENV_CONTAINER_FULL_URI} is not a valid URL`,
    );
  }
  const loopback = /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && (loopback || ALLOWED_HOSTS.has(url.hostname)))
  ) {
    throw configError(
      `${ENV_CONTAINER_FULL_URI} host ${url.hostname} is not allowed: use https, loopback, ` +
        '169.254.170.2 (ECS) or 169.254.170.23 / [fd00:ec2::23] (EKS Pod Identity)',
    );
  }
  return url;
}

/** The token file is read on every fetch (EKS rotates it) and wins over the static token. */
async function authorizationHeader(ctx: SourceContext): Promise<string | undefined> {
  const { token, tokenFile } = ctx.config.container;
  let value = token;
  if (tokenFile !== undefined) {
    const content = await ctx.seams.readFile(tokenFile).catch((e: unknown) => {
      throw configError(`${ENV_CONTAINER_TOKEN_FILE}: ${toError(e).message}`);
    });
    if (content === undefined) {
      throw new CredentialsProviderError(
        `container: cannot read ${ENV_CONTAINER_TOKEN_FILE} (${tokenFile})`,
        {
          source: 'container',
        },
      );
    }
    value = content.trim();
  }
  if (value !== undefined && /[\r\n]/.test(value)) {
    throw configError(
      `${tokenFile === undefined ? ENV_CONTAINER_TOKEN : ENV_CONTAINER_TOKEN_FILE} contains a line break`,
    );
  }
  return value;
}

function statusError(
  response: HttpResponse,
  url: string,
  authorization: string | undefined,
): CredentialsProviderError {
  let code = '';
  try {
    const body = JSON.parse(response.body) as Record<string, unknown>;
    const c = body.code ?? body.Code;
    const m = body.message ?? body.Message;
    code = [c, m].filter((v): v is string => typeof v === 'string').join(': ');
  } catch {
    // Plain-text error bodies (EKS agent, throttling) carry nothing worth quoting.
  }
  // Redacted before it is cut, so the cut never leaves part of an echoed secret behind.
  const detail = code === '' ? '' : ` (${redactSecrets(code, { known: [authorization], maxLength: 160 })})`;
  return new CredentialsProviderError(`container: ${url} answered ${response.status}${detail}`, {
    source: 'container',
    secrets: [authorization],
  });
}

function configError(message: string): CredentialsProviderError {
  return new CredentialsProviderError(`container: ${message}`, { source: 'container', recoverable: false });
}
