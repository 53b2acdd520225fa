import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

/** What the guard stopped, for the test that caused it to report. */
export interface NetworkGuard {
  /** The attempts stopped since the last call, oldest first, each with where it came from. */
  takeViolations(): string[];
}

interface GuardState extends NetworkGuard {
  violations: string[];
}

const STATE = Symbol.for('keyless.networkGuard');
export const GUARD_ERROR_CODE = 'ERR_NETWORK_GUARD';

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');
loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Loopback addresses and `localhost` names (which resolve to loopback without asking a DNS server). */
export function isLoopbackHost(host: string): boolean {
  const name = host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  const family = net.isIP(name);
  if (family === 4) return loopback.check(name, 'ipv4');
  if (family === 6) return loopback.check(name, 'ipv6');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Makes every TCP connection (net, tls, http, fetch: they all go through `net.Socket#connect`) to an
 * address off loopback, and every DNS lookup or query of a name other than `localhost`, fail in this
 * process. A stopped attempt fails the way
 * an unreachable network does (an `error` on the socket, a rejected lookup), so the code under test
 * takes its offline path, and it is recorded so the test can be failed even when that code swallows
 * the error (a credential chain moving on to its next source does). Installing twice is a no-op.
 */
export function installNetworkGuard(): NetworkGuard {
  const existing = (globalThis as { [STATE]?: GuardState })[STATE];
  if (existing !== undefined) return existing;
  const state: GuardState = {
    violations: [],
    takeViolations: () => state.violations.splice(0),
  };
  (globalThis as { [STATE]?: GuardState })[STATE] = state;

  const refuse = (what: string): NodeJS.ErrnoException => {
    const error: NodeJS.ErrnoException = new Error(
      `network guard: ${what} is off loopback; tests must talk only to 127.0.0.1 (point the client at the emulator, or set AWS_EC2_METADATA_DISABLED=true)`,
    );
    error.code = GUARD_ERROR_CODE;
    const where = (new Error().stack ?? '').split('\n').slice(3, 9).join('\n');
    state.violations.push(`${what}\n${where}`);
    return error;
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    // Host names go through the lookup below, or through a caller's own `lookup`, checked here.
    if (target !== undefined && net.isIP(target.host.replace(/^\[(.*)\]$/, '$1')) !== 0) {
      if (!isLoopbackHost(target.host)) {
        const error = refuse(`a connection to ${target.host}:${target.port}`);
        process.nextTick(() => this.destroy(error));
        return this;
      }
    } else if (target?.options !== undefined && typeof target.options.lookup === 'function') {
      target.options.lookup = guardedCustomLookup(target.options.lookup, refuse);
    }
    return connect.apply(this, args as Parameters<typeof connect>);
  } as typeof connect;

  // A lookup of an address asks no server (a `listen('0.0.0.0')` makes one); connecting to it is checked above.
  const needsServer = (hostname: unknown) =>
    net.isIP(String(hostname)) === 0 && !isLoopbackHost(String(hostname));
  const lookup = dns.lookup;
  dns.lookup = function guardedLookup(hostname: string, ...rest: unknown[]) {
    const callback = rest.at(-1);
    if (needsServer(hostname) && typeof callback === 'function') {
      const error = refuse(`a DNS lookup of ${String(hostname)}`);
      process.nextTick(() => callback(error));
      return {};
    }
    return (lookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.lookup;

  const lookupPromise = dns.promises.lookup;
  dns.promises.lookup = function guardedLookupPromise(hostname: string, ...rest: unknown[]) {
    if (needsServer(hostname)) return Promise.reject(refuse(`a DNS lookup of ${String(hostname)}`));
    return (lookupPromise as (...a: unknown[]) => unknown)(hostname, ...rest);
  } as typeof dns.promises.lookup;

  // resolve*() and reverse() always ask a DNS server, which is off this machine (or forwards there).
  const queries: [object, boolean][] = [
    [dns, false],
    [dns.Resolver.prototype, false],
    [dns.promises, true],
    [dns.promises.Resolver.prototype, true],
  ];
  for (const [module, promised] of queries) {
    const target = module as Record<string, unknown>;
    for (const name of new Set([...Object.keys(target), ...Object.getOwnPropertyNames(target)])) {
      if (!/^(resolve|reverse)/.test(name) || typeof target[name] !== 'function') continue;
      target[name] = (...args: unknown[]) => {
        const error = refuse(`a DNS query (${name} ${String(args[0])})`);
        if (promised) return Promise.reject(error);
        const callback = args.at(-1);
        if (typeof callback === 'function') process.nextTick(() => callback(error));
        return undefined;
      };
    }
  }
  // `import { lookup } from 'node:dns'` elsewhere must see the guarded functions too.
  syncBuiltinESMExports();
  return state;
}

interface ConnectTarget {
  host: string;
  port: unknown;
  options?: { lookup?: unknown };
}

/** Host and port of a `Socket#connect` call, in any of its forms; `undefined` for a pipe or Unix socket. */
function connectTarget(args: unknown[]): ConnectTarget | undefined {
  // net.connect() passes its arguments already normalised, as one array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: unknown; host?: unknown; port?: unknown; lookup?: unknown };
    if (typeof options.path === 'string') return undefined;
    const host = typeof options.host === 'string' && options.host !== '' ? options.host : 'localhost';
    return { host, port: options.port, options };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first)))
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
  return undefined;
}

type LookupCallback = (error: Error | null, address: unknown, family?: number) => void;

/** A caller's own `lookup` may map a name anywhere: let the connection go on only to loopback. */
function guardedCustomLookup(custom: unknown, refuse: (what: string) => Error) {
  return (hostname: string, options: unknown, callback: LookupCallback) =>
    (custom as (h: string, o: unknown, c: LookupCallback) => void)(
      hostname,
      options,
      (error, address, family) => {
        if (error !== null) return callback(error, address, family);
        const addresses = Array.isArray(address)
          ? (address as { address: string }[]).map((a) => a.address)
          : [String(address)];
        const outside = addresses.find((a) => !isLoopbackHost(a));
        if (outside !== undefined)
          return callback(refuse(`a connection to ${hostname} (${outside})`), address, family);
        callback(null, address, family);
      },
    );
}
