import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { fromInstanceRole } from '@keyless/credentials';
import { createDownstreams } from './createDownstreams.js';
import { placeOrder } from './placeOrder.js';
import { readRoleConfig } from './readRoleConfig.js';

// `npm start`: assumes one role per downstream on top of the instance role, prints who each
// downstream's calls are made as, then records three orders. Region and endpoints come from the
// SDK's own variables (AWS_REGION, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_S3).
let config: ReturnType<typeof readRoleConfig>;
try {
  config = readRoleConfig(process.env);
} catch (e: unknown) {
  console.error(`multi-role: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}

const source = fromInstanceRole({ logger: console });
const downstreams = createDownstreams(
  { invoices: config.invoices, audit: config.audit },
  { roleSessionName: config.roleSessionName, source },
);

try {
  for (const [name, downstream] of Object.entries(downstreams)) {
    const identity = await downstream.sts.send(new GetCallerIdentityCommand({}));
    console.log(`${name}: calls made as ${identity.Arn}`);
  }
  for (const id of ['1001', '1002', '1003']) {
    const { invoiceKey, auditKey } = await placeOrder(
      { id, customer: 'c-42', totalCents: 1999 },
      downstreams,
    );
    console.log(
      `order ${id}: s3://${config.invoices.bucket}/${invoiceKey}, s3://${config.audit.bucket}/${auditKey}`,
    );
  }
} catch (e: unknown) {
  console.error(`multi-role: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  process.exitCode = 1;
} finally {
  for (const downstream of Object.values(downstreams)) downstream.credentials.close();
  source.close();
}
