import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { fromInstanceRole } from '@keyless/credentials';
import { createNotesService } from './createNotesService.js';
import { readServiceConfig } from './readServiceConfig.js';

let config: ReturnType<typeof readServiceConfig>;
try {
  config = readServiceConfig(process.env);
} catch (e: unknown) {
  console.error(`ec2-service: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

// The whole migration: one provider, shared by every client. No access key in code or config; the
// `logger` prints the one warning keyless gives if this host ever falls back to static keys.
const credentials = fromInstanceRole({ logger: console });
const s3 = new S3Client({ credentials });
const sts = new STSClient({ credentials });

const server = createNotesService({ credentials, s3, sts, bucket: config.bucket });
server.listen(config.port, config.host, () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`notes service listening on http://${address}:${port} (bucket ${config.bucket})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    credentials.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
