import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request; it may answer however it likes, or never. */
export type HostileHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A server on 127.0.0.1 that behaves like no real endpoint: the adversary of the hostile-server suite. */
export interface HostileServer {
  readonly url: string;
  /** Requests received, in order. */
  readonly requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  stop(): Promise<void>;
}

/**
 * Starts one. The emulator answers like the real services (with faults a real service has); this
 * one does what only a broken or malicious server does — drip a body forever, send 200 MB, redirect,
 * echo the caller's token — so the suite can check the provider's defences. `stop()` destroys every
 * open socket, so a test never waits for a hung exchange to end.
 */
export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const requests: HostileServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Writes `total` bytes of `chunk` repeated, respecting back-pressure, until done or the socket closes. */
export function writeHuge(res: ServerResponse, total: number, chunk: string): void {
  const piece = Buffer.from(chunk.repeat(Math.ceil(65_536 / chunk.length)));
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !res.destroyed) {
      sent += piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

/** Sends one byte every `everyMs` forever (until the client gives up and the socket closes). */
export function drip(res: ServerResponse, everyMs: number): void {
  const timer = setInterval(() => {
    if (res.destroyed) clearInterval(timer);
    else res.write(' ');
  }, everyMs);
  res.on('close', () => clearInterval(timer));
}
