import { Readable } from 'node:stream';
import { STSClient } from '@aws-sdk/client-sts';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import {
  type HandlerExecutionContext,
  type InitializeHandler,
  type InitializeHandlerArguments,
  type Logger,
  type MetadataBearer,
  SMITHY_CONTEXT_KEY,
} from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { recordIdentityOwner } from '../provider/identityOwner.js';
import {
  expiredTokenRecoveryMiddleware,
  expiredTokenRecoveryMiddlewareOptions,
} from './expiredTokenRecoveryMiddleware.js';
import { withExpiredTokenRecovery } from './withExpiredTokenRecovery.js';

const identity = () => ({ accessKeyId: fakeAccessKeyId('ASIA'), secretAccessKey: fakeSecretAccessKey() });
const rejection = (code: string) =>
  Object.assign(new Error(`rejected: ${code}`), { name: code, $fault: 'client' });
const ok = (): MetadataBearer => ({ $metadata: { httpStatusCode: 200 } });

/**
 * Plays the inner stack: each attempt "resolves" the next identity into the SDK context, as the auth
 * scheme middleware does, then answers with the next outcome.
 */
function innerStack(identities: object[], outcomes: (Error | MetadataBearer)[]) {
  const context: HandlerExecutionContext = {};
  const seen: InitializeHandlerArguments<Record<string, unknown>>[] = [];
  const next: InitializeHandler<object, MetadataBearer> = async (args) => {
    const attempt = seen.length;
    seen.push(args as InitializeHandlerArguments<Record<string, unknown>>);
    context[SMITHY_CONTEXT_KEY] = { selectedHttpAuthScheme: { identity: identities[attempt] } as never };
    (args.input as Record<string, unknown>).touchedByInnerMiddleware = attempt;
    const outcome = outcomes[attempt];
    if (outcome instanceof Error) throw outcome;
    return { output: outcome ?? ok(), response: {} };
  };
  return { context, seen, next };
}

function owner() {
  const calls: (string | undefined)[] = [];
  return { calls, invalidate: (id?: string) => calls.push(id) };
}

describe(expiredTokenRecoveryMiddleware.name, () => {
  it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId'])(
    'on %s for our credentials invalidates that key and retries once, hiding the rejection',
    async (code) => {
      const [first, second] = [identity(), identity()];
      const provider = owner();
      recordIdentityOwner(first, provider);
      const { context, seen, next } = innerStack([first, second], [rejection(code), ok()]);
      const result = await expiredTokenRecoveryMiddleware()(next, context)({ input: { Bucket: 'b' } });
      expect(result.output.$metadata.httpStatusCode).toBe(200);
      expect(provider.calls).toEqual([first.accessKeyId]);
      expect(seen).toHaveLength(2);
    },
  );

  it('lets a second rejection through: one retry, not a loop', async () => {
    const first = identity();
    const provider = owner();
    recordIdentityOwner(first, provider);
    const again = rejection('ExpiredToken');
    const { context, seen, next } = innerStack([first, first], [rejection('ExpiredToken'), again]);
    await expect(expiredTokenRecoveryMiddleware()(next, context)({ input: {} })).rejects.toBe(again);
    expect(seen).toHaveLength(2);
    expect(provider.calls).toHaveLength(1);
  });

  it('leaves credentials that are not ours alone', async () => {
    const error = rejection('ExpiredToken');
    const { context, seen, next } = innerStack([identity()], [error]);
    await expect(expiredTokenRecoveryMiddleware()(next, context)({ input: {} })).rejects.toBe(error);
    expect(seen).toHaveLength(1);
  });

  it('invalidates options.provider when the identity is not recorded as ours', async () => {
    const first = identity();
    const provider = owner();
    const { context, next } = innerStack([first, identity()], [rejection('InvalidClientTokenId'), ok()]);
    await expiredTokenRecoveryMiddleware({ provider })(next, context)({ input: {} });
    expect(provider.calls).toEqual([first.accessKeyId]);
  });

  it.each([
    ['another service error', rejection('AccessDenied')],
    ['a network error', new Error('socket hang up')],
  ])('does not retry %s', async (_label, error) => {
    const first = identity();
    const provider = owner();
    recordIdentityOwner(first, provider);
    const { context, seen, next } = innerStack([first], [error]);
    await expect(expiredTokenRecoveryMiddleware()(next, context)({ input: {} })).rejects.toBe(error);
    expect(seen).toHaveLength(1);
    expect(provider.calls).toEqual([]);
  });

  it('does not retry a request whose body stream was already consumed', async () => {
    const first = identity();
    const provider = owner();
    recordIdentityOwner(first, provider);
    const error = rejection('ExpiredToken');
    const { context, seen, next } = innerStack([first, identity()], [error, ok()]);
    const input = { Bucket: 'b', Key: 'k', Body: Readable.from(['data']) };
    await expect(expiredTokenRecoveryMiddleware()(next, context)({ input })).rejects.toBe(error);
    expect(seen).toHaveLength(1);
  });

  it('retries with the input as the caller gave it, not as inner middleware left it', async () => {
    const first = identity();
    recordIdentityOwner(first, owner());
    const { context, seen, next } = innerStack([first, identity()], [rejection('ExpiredToken'), ok()]);
    const input = { Bucket: 'b' };
    await expiredTokenRecoveryMiddleware()(next, context)({ input });
    expect(seen[1]?.input).toEqual({ Bucket: 'b', touchedByInnerMiddleware: 1 });
    expect(seen[1]?.input).not.toBe(seen[0]?.input);
  });

  it('logs one info line with the masked key id and nothing secret', async () => {
    const first = identity();
    recordIdentityOwner(first, owner());
    const lines: unknown[][] = [];
    const record = (...content: unknown[]) => lines.push(content);
    const logger: Logger = { debug: () => {}, info: record, warn: record, error: record };
    const { context, next } = innerStack([first, identity()], [rejection('ExpiredToken'), ok()]);
    await expiredTokenRecoveryMiddleware({ logger })(next, context)({ input: {} });
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines);
    expect(text).toContain(`${first.accessKeyId.slice(0, 4)}…${first.accessKeyId.slice(-4)}`);
    expect(text).not.toContain(first.accessKeyId);
    expect(text).not.toContain(first.secretAccessKey);
  });

  it('rejects a provider option without invalidate()', () => {
    expect(() => expiredTokenRecoveryMiddleware({ provider: {} as never })).toThrow(TypeError);
  });
});

describe(withExpiredTokenRecovery.name, () => {
  it('installs the middleware once on a real client, even when called twice', () => {
    const client = new STSClient({ region: 'us-east-1' });
    expect(withExpiredTokenRecovery(withExpiredTokenRecovery(client))).toBe(client);
    const names = client.middlewareStack
      .identify()
      .filter((m) => m.startsWith(expiredTokenRecoveryMiddlewareOptions.name));
    expect(names).toHaveLength(1);
    client.destroy();
  });

  it('rejects what is not a client', () => {
    expect(() => withExpiredTokenRecovery({} as never)).toThrow(TypeError);
  });
});
