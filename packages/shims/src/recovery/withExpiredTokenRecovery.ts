import type { MetadataBearer, Pluggable } from '@smithy/types';
import {
  type ExpiredTokenRecoveryOptions,
  getExpiredTokenRecoveryPlugin,
} from './expiredTokenRecoveryMiddleware.js';

/** Anything with an AWS SDK v3 middleware stack: every v3 client, and single commands. */
export interface WithMiddlewareStack {
  readonly middlewareStack: { use(pluggable: Pluggable<object, MetadataBearer>): void };
}

/**
 * Installs the ExpiredToken recovery middleware on a v3 client (or a command) and returns it, so it
 * composes: `withExpiredTokenRecovery(new S3Client(withInstanceRole({ region })))`. Installing it
 * twice replaces the first one.
 */
export function withExpiredTokenRecovery<C extends WithMiddlewareStack>(
  client: C,
  options: ExpiredTokenRecoveryOptions = {},
): C {
  if (typeof client?.middlewareStack?.use !== 'function') {
    throw new TypeError('withExpiredTokenRecovery(client): client must be an AWS SDK v3 client or command');
  }
  client.middlewareStack.use(getExpiredTokenRecoveryPlugin(options));
  return client;
}
