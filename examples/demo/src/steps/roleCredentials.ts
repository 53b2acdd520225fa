import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceRole, maskAccessKeyId } from '@keyless/credentials';
import type { Emulator } from '@keyless/emulator';
import type { Narrator } from '../Narrator.js';

/** Step 1: an SDK v3 client on `fromInstanceRole()`, its call verified by the emulator's SigV4 check. */
export async function roleCredentials(emulator: Emulator, out: Narrator): Promise<void> {
  out.step(1, 'An AWS SDK v3 client on the instance role');
  out.say('new STSClient({ credentials: fromInstanceRole() }).send(new GetCallerIdentityCommand({}))');
  const credentials = fromInstanceRole({
    env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: emulator.endpoints.imds },
  });
  try {
    const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.endpoints.sts, credentials });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    const resolved = await credentials();
    out.ok(
      `source: ${resolved.source}, key ${maskAccessKeyId(resolved.accessKeyId)}, expires ${resolved.expiration?.toISOString()}`,
    );
    out.ok(`signed call accepted by the emulator's STS: ${identity.Arn}`);
    out.say(
      `metadata requests: ${emulator.count({ kind: 'imds-token' })} token, ` +
        `${emulator.count({ kind: 'imds-role-list' })} role name, ${emulator.count({ kind: 'imds-credentials' })} credentials`,
    );
  } finally {
    credentials.close();
  }
}
