import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startEmulator } from '@keyless/emulator';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';

// The SDK's notice that its 2027 releases need Node 22 is true but not what this demo is about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const emulator = await startEmulator();
try {
  console.log(`keyless demo: everything below runs against @keyless/emulator on ${emulator.url}\n`);
  console.log('1. The AWS SDK fetches instance-role credentials from the emulated IMDS');
  process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = emulator.endpoints.imds;
  const credentials = fromInstanceMetadata();
  const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.endpoints.sts, credentials });
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  console.log(`   GetCallerIdentity, signed with them and verified by the emulator: ${identity.Arn}`);
  console.log(
    `   requests to the metadata service: ${emulator.count({ kind: 'imds-credentials' })} for credentials`,
  );
} finally {
  await emulator.stop();
}
