/**
 * Credential requests per second on loopback with keep-alive clients. A benchmark, not a test:
 *   npx tsx bench/throughput.ts [seconds=5] [connections=16] [--same-process]
 * By default the emulator runs in a child process so the client and the server do not share one
 * event loop; `--same-process` runs both in this process (a floor for the server alone).
 */

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../src/index.js';

interface ServerInfo {
  url: string;
  role: string;
  auth: string;
}

async function startServer(sameProcess: boolean): Promise<ServerInfo & { stop(): Promise<void> }> {
  if (sameProcess) {
    const emu = await startEmulator();
    const auth = emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '';
    return { url: emu.url, role: emu.current().roleName, auth, stop: () => emu.stop() };
  }
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: process.execArgv });
  const [info] = (await once(child, 'message')) as [ServerInfo];
  return {
    ...info,
    stop: async () => {
      child.send('stop');
      await once(child, 'exit');
    },
  };
}

async function serveInChild(): Promise<void> {
  const emu = await startEmulator();
  const info: ServerInfo = {
    url: emu.url,
    role: emu.current().roleName,
    auth: emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
  };
  process.send?.(info);
  process.once('message', () => {
    void emu.stop().then(() => process.disconnect());
  });
}

async function runClient(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const sameProcess = process.argv.includes('--same-process');
  const seconds = Number(args[0] ?? 5);
  const connections = Number(args[1] ?? 16);
  const server = await startServer(sameProcess);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(server.url);

  const call = (method: string, path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ agent, hostname, port, method, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  const measure = async (path: string, headers: Record<string, string>, forSeconds: number) => {
    let done = 0;
    let failed = 0;
    const deadline = performance.now() + forSeconds * 1000;
    const worker = async () => {
      while (performance.now() < deadline) {
        const { status } = await call('GET', path, headers);
        if (status === 200) done++;
        else failed++;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, worker));
    if (failed > 0) throw new Error(`${failed} requests failed`);
    return done / ((performance.now() - started) / 1000);
  };

  const token = (await call('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }))
    .body;
  const targets: Array<[string, string, Record<string, string>]> = [
    [
      'IMDS credentials (v2 token)',
      `/latest/meta-data/iam/security-credentials/${server.role}`,
      { 'x-aws-ec2-metadata-token': token },
    ],
    ['EKS container credentials', '/v1/credentials', { authorization: server.auth }],
  ];
  // A short warm-up so the JIT and the connection pool are ready before the timed runs.
  await measure(targets[0]?.[1] ?? '/', targets[0]?.[2] ?? {}, 1);
  const where = sameProcess ? 'same process' : 'emulator in a child process';
  for (const [name, path, headers] of targets) {
    const rate = await measure(path, headers, seconds);
    const figure = Math.round(rate).toLocaleString('en-US');
    process.stdout.write(
      `${name}: ${figure} requests/s (${connections} keep-alive connections, ${seconds}s, ${where})\n`,
    );
  }
  agent.destroy();
  await server.stop();
}

if (process.argv.includes('--serve')) await serveInChild();
else await runClient();
