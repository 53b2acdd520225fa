/**
 * Credential requests per second on loopback with keep-alive clients. A benchmark, not a test:
 *   npx tsx bench/throughput.ts [seconds=5] [connections=16]
 * The emulator and the client share this process, so the figure is a floor for the server alone.
 */
import { Agent, request } from 'node:http';
import { startEmulator } from '../src/index.js';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 16);

const emu = await startEmulator();
const agent = new Agent({ keepAlive: true, maxSockets: connections });
const { hostname, port } = new URL(emu.url);

function call(
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, hostname, port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const token = (await call('PUT', '/latest/api/token', { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }))
  .body;
const targets = {
  'IMDS credentials (v2 token)': {
    path: `/latest/meta-data/iam/security-credentials/${emu.current().roleName}`,
    headers: { 'x-aws-ec2-metadata-token': token },
  },
  'EKS container credentials': {
    path: '/v1/credentials',
    headers: { authorization: emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '' },
  },
};

async function measure(path: string, headers: Record<string, string>, forSeconds = seconds): Promise<number> {
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
  const elapsed = (performance.now() - started) / 1000;
  if (failed > 0) throw new Error(`${failed} requests failed`);
  return done / elapsed;
}

// A short warm-up so the JIT and the connection pool are ready before the timed runs.
await measure(targets['IMDS credentials (v2 token)'].path, targets['IMDS credentials (v2 token)'].headers, 1);
for (const [name, target] of Object.entries(targets)) {
  const rate = await measure(target.path, target.headers);
  process.stdout.write(
    `${name}: ${Math.round(rate).toLocaleString('en-US')} requests/s (${connections} keep-alive connections, ${seconds}s)\n`,
  );
}
agent.destroy();
await emu.stop();
