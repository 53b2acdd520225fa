import { once } from 'node:events';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { newRequestId } from '../credentials/keyMaterial.js';
import type { ActiveFault, FaultSet } from '../faults/FaultSet.js';
import type { Logger } from '../Logger.js';
import type { RequestKind, RequestLog } from '../RequestLog.js';
import { s3Error } from '../s3/s3Xml.js';
import { SSO_TOKEN_HEADER } from '../sso/handleSso.js';
import { claimedAccessKeyId } from '../sts/verifySigV4.js';
import { breakBody } from './breakBody.js';
import { classifyRequest } from './classifyRequest.js';
import type { EmulatorRequest } from './EmulatorRequest.js';
import type { EmulatorResponse } from './EmulatorResponse.js';
import { isAllowedHost } from './isAllowedHost.js';
import { readBody } from './readBody.js';

/** Builds the answer to one request; transport faults (latency, hang, reset...) are the server's job. */
type Router = (
  req: EmulatorRequest,
  kind: RequestKind,
  fault: ActiveFault | undefined,
) => EmulatorResponse | Promise<EmulatorResponse>;

export interface EmulatorServerInit {
  host: string;
  port: number;
  maxBodyBytes: number;
  /** Host names `Host` may carry besides IP literals and `localhost` (see `isAllowedHost`). */
  allowedHosts: readonly string[];
  faults: FaultSet;
  log: RequestLog;
  logger: Logger;
  route: Router;
  /** The STS Action of a request, so faults and the log can tell STS calls apart. */
  actionOf: (req: EmulatorRequest) => string | undefined;
}

const CLIENT_ERROR_STATUS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  HPE_HEADER_TIMEOUT: 408,
};

/** The one HTTP server behind every surface, with the transport half of fault injection. */
export class EmulatorServer {
  readonly #init: EmulatorServerInit;
  readonly #server: Server;
  readonly #stopping = new AbortController();

  private constructor(init: EmulatorServerInit) {
    this.#init = init;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket: Socket) => {
      if (init.faults.refuseConnection()) socket.resetAndDestroy();
    });
    // Garbage the HTTP parser rejects gets a plain status line and the connection closed; the server keeps serving.
    this.#server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable || error.code === 'ECONNRESET') {
        socket.destroy();
        return;
      }
      const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
      );
    });
  }

  static async listen(init: EmulatorServerInit): Promise<EmulatorServer> {
    const server = new EmulatorServer(init);
    server.#server.listen(init.port, init.host);
    await once(server.#server, 'listening');
    return server;
  }

  /**
   * The base URL for clients on this host, e.g. `http://127.0.0.1:41234` (IPv6 hosts in brackets).
   * A wildcard bind names loopback: `0.0.0.0` is no address to connect to, and the container URL
   * allow-lists of keyless and the SDKs accept only loopback over plain http.
   */
  get url(): string {
    const { address, port } = this.#server.address() as AddressInfo;
    const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Closes the listener and every connection, including hung and delayed requests. */
  async stop(): Promise<void> {
    if (this.#stopping.signal.aborted) return;
    this.#stopping.abort();
    const closed = once(this.#server, 'close');
    this.#server.close();
    this.#server.closeAllConnections();
    await closed;
  }

  async #handle(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = incoming.method ?? 'GET';
    const target = splitTarget(incoming.url ?? '/');
    const kind = classifyRequest(method, target.pathname, target.searchParams);
    const tokenHeader = kind.startsWith('imds')
      ? 'x-aws-ec2-metadata-token'
      : kind === 'sso'
        ? SSO_TOKEN_HEADER
        : 'authorization';
    const accessKeyId =
      kind === 's3' || kind === 'sts' ? claimedAccessKeyId(incoming.headers.authorization) : undefined;
    const { log } = this.#init;
    const record = log.start({
      method,
      path: target.pathname,
      kind,
      tokenSent: incoming.headers[tokenHeader] !== undefined,
      ...(accessKeyId !== undefined && { accessKeyId }),
    });
    if (!isAllowedHost(incoming.headers.host, this.#init.allowedHosts)) {
      // Before faults and routing: a DNS-rebinding page must get nothing, not even a fault.
      record.status = 403;
      res
        .writeHead(403, { 'content-type': 'text/plain', connection: 'close' })
        .end(
          'Blocked request: this Host is not allowed. Add it to allowedHosts (keyless emulator --allow-host).\n',
        );
      return;
    }
    try {
      const body = await readBody(incoming, this.#init.maxBodyBytes);
      if (body === undefined) {
        this.#refuseBody(res, record, kind, target.pathname);
        return;
      }
      const req: EmulatorRequest = {
        method,
        path: target.pathname,
        query: target.searchParams,
        headers: incoming.headers,
        body,
      };
      const action = kind === 'sts' ? this.#init.actionOf(req) : undefined;
      if (action !== undefined) log.annotate(record, { action });
      const fault = this.#init.faults.pick({ kind, path: req.path, method, ...(action ? { action } : {}) });
      if (fault !== undefined) log.annotate(record, { fault: fault.spec.type });
      const spec = fault?.spec;
      if (spec?.type === 'reset' || spec?.type === 'refuse') {
        incoming.socket.resetAndDestroy();
        return;
      }
      // A hung request is answered by nobody; stop() closes its connection.
      if (spec?.type === 'hang') return;
      if (spec?.type === 'latency' && spec.stage !== 'body') await this.#sleep(spec.ms);
      const response = await this.#init.route(req, kind, fault);
      record.status = response.status;
      await this.#write(res, response, fault, method === 'HEAD');
    } catch (error: unknown) {
      // A client that went away, or a stop() mid-delay, is not an emulator failure.
      if (this.#stopping.signal.aborted || incoming.socket.destroyed) return;
      this.#init.logger.error('keyless emulator: request failed', { method, path: target.pathname, error });
      record.status = 500;
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal emulator error\n');
    }
  }

  /** A body over `maxBodyBytes`: S3 gets its own `EntityTooLarge` error, the other surfaces a plain 413. */
  #refuseBody(res: ServerResponse, record: { status: number }, kind: RequestKind, path: string): void {
    const max = this.#init.maxBodyBytes;
    if (kind === 's3') {
      const error = s3Error(
        'EntityTooLarge',
        `Bodies are at most ${max} bytes (maxBodyBytes).`,
        newRequestId(),
        {
          resource: path,
        },
      );
      record.status = error.status;
      res.writeHead(error.status, { ...error.headers, connection: 'close' }).end(error.body);
      return;
    }
    record.status = 413;
    res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('Request body too large\n');
  }

  async #write(
    res: ServerResponse,
    response: EmulatorResponse,
    fault: ActiveFault | undefined,
    head: boolean,
  ) {
    const spec = fault?.spec;
    const body = spec?.type === 'malformed' ? breakBody(response) : Buffer.from(response.body);
    res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
    if (head) {
      res.end();
      return;
    }
    const half = Math.floor(body.length / 2);
    if (spec?.type === 'partial') {
      // Content-Length promises the whole body; closing after half of it is a truncated response.
      res.write(body.subarray(0, half), () => res.destroy());
      return;
    }
    if (spec?.type === 'latency' && spec.stage === 'body') {
      res.write(body.subarray(0, half));
      await this.#sleep(spec.ms);
      res.end(body.subarray(half));
      return;
    }
    res.end(body);
  }

  #sleep(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.#stopping.signal });
  }
}

/** Splits a request target without resolving it, so `//x/y` stays a path instead of becoming a host. */
function splitTarget(raw: string): { pathname: string; searchParams: URLSearchParams } {
  let target = raw;
  if (!raw.startsWith('/')) {
    // Absolute form (`GET http://host/path`), as a proxy would send it.
    try {
      const url = new URL(raw);
      target = `${url.pathname}${url.search}`;
    } catch {
      return { pathname: raw, searchParams: new URLSearchParams() };
    }
  }
  const q = target.indexOf('?');
  if (q === -1) return { pathname: target, searchParams: new URLSearchParams() };
  return { pathname: target.slice(0, q), searchParams: new URLSearchParams(target.slice(q + 1)) };
}
