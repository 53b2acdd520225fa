import { maskAccessKeyId } from '@keyless/credentials';
import {
  type AbsoluteLocation,
  type HandlerExecutionContext,
  type InitializeHandlerOptions,
  type InitializeMiddleware,
  type Logger,
  type MetadataBearer,
  type Pluggable,
  SMITHY_CONTEXT_KEY,
} from '@smithy/types';
import { type Invalidatable, identityOwner } from '../provider/identityOwner.js';
import { NOOP_LOGGER } from '../provider/NOOP_LOGGER.js';
import { expiredTokenCode } from './isExpiredTokenError.js';

/** Options of the ExpiredToken recovery middleware. */
export interface ExpiredTokenRecoveryOptions {
  /**
   * Invalidate this provider when the rejected credentials were not handed out by a provider of this
   * package (e.g. `credentials: fromInstanceRole()` set directly). Credentials from `withInstanceRole`,
   * `fromAssumedRole` and the v2 adapter are recognised without it.
   */
  provider?: Invalidatable;
  /** Where the one `info` line per recovery goes; default: the client's logger, else none. */
  logger?: Logger;
}

/**
 * Placed first in the `initialize` step, so a retry runs the whole stack again: the auth scheme
 * middleware (serialize step) resolves the identity anew and the signer signs with it.
 */
export const expiredTokenRecoveryMiddlewareOptions: InitializeHandlerOptions &
  AbsoluteLocation & { name: string; override: true } = {
  step: 'initialize',
  priority: 'high',
  name: 'keylessExpiredTokenRecoveryMiddleware',
  tags: ['KEYLESS', 'EXPIRED_TOKEN_RECOVERY'],
  override: true,
};

/**
 * Middleware that, when a service rejects a request with `ExpiredToken`, `ExpiredTokenException`,
 * `RequestExpired` or `InvalidClientTokenId` and the request was signed with credentials from one of
 * our providers, calls `invalidate(accessKeyId)` on that provider and sends the request once more.
 * A second rejection, any other error, and requests whose input holds a stream (it cannot be read
 * twice) reach the caller unchanged.
 */
export function expiredTokenRecoveryMiddleware(
  options: ExpiredTokenRecoveryOptions = {},
): InitializeMiddleware<object, MetadataBearer> {
  if (options.provider !== undefined && typeof options.provider?.invalidate !== 'function') {
    throw new TypeError('expiredTokenRecoveryMiddleware: options.provider must have an invalidate() method');
  }
  return (next, context) => async (args) => {
    const input: object = { ...args.input };
    try {
      return await next(args);
    } catch (e: unknown) {
      const code = expiredTokenCode(e);
      if (code === undefined || hasStreamingMember(input)) throw e;
      const identity = signingIdentity(context);
      const owner = identityOwner(identity) ?? options.provider;
      if (identity === undefined || owner === undefined) throw e;
      owner.invalidate(identity.accessKeyId);
      const logger = options.logger ?? context.logger ?? NOOP_LOGGER;
      logger.info(
        `keyless: ${code} for ${maskAccessKeyId(identity.accessKeyId)}; credentials invalidated, retrying once`,
      );
      return next({ ...args, input: { ...input } });
    }
  };
}

/** A plugin for `client.middlewareStack.use(...)` or `command.middlewareStack.use(...)`. */
export function getExpiredTokenRecoveryPlugin(
  options: ExpiredTokenRecoveryOptions = {},
): Pluggable<object, MetadataBearer> {
  const middleware = expiredTokenRecoveryMiddleware(options);
  return {
    applyToStack: (stack) => stack.add(middleware, expiredTokenRecoveryMiddlewareOptions),
  };
}

function signingIdentity(context: HandlerExecutionContext): { accessKeyId: string } | undefined {
  const identity: unknown = context[SMITHY_CONTEXT_KEY]?.selectedHttpAuthScheme?.identity;
  if (typeof identity !== 'object' || identity === null) return undefined;
  const { accessKeyId } = identity as { accessKeyId?: unknown };
  return typeof accessKeyId === 'string' ? (identity as { accessKeyId: string }) : undefined;
}

function hasStreamingMember(input: object): boolean {
  return Object.values(input).some(
    (v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      (typeof (v as { pipe?: unknown }).pipe === 'function' ||
        typeof (v as { getReader?: unknown }).getReader === 'function' ||
        Symbol.asyncIterator in v),
  );
}
