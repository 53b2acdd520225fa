import { startEmulator } from '@keyless/emulator';
import { fakeAccessKeyId, fakeSecretAccessKey } from '@keyless/test-support';
import { Narrator } from './Narrator.js';
import { backgroundRefresh } from './steps/backgroundRefresh.js';
import { codemod } from './steps/codemod.js';
import { roleCredentials } from './steps/roleCredentials.js';
import { sessions } from './steps/sessions.js';
import { staticFallback } from './steps/staticFallback.js';

// The SDK's notice that its 2027 releases need Node 22 is true but not what this demo is about.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const out = new Narrator();
const emulator = await startEmulator();
try {
  out.say(`keyless demo: everything below runs against @keyless/emulator on ${emulator.url}`);
  out.say('(a local EC2 IMDS + ECS/EKS container endpoint + STS; no AWS account, no network)');
  await roleCredentials(emulator, out);
  await backgroundRefresh(out);
  await sessions(emulator, out);
  await staticFallback(
    emulator,
    { accessKeyId: fakeAccessKeyId(), secretAccessKey: fakeSecretAccessKey() },
    out,
  );
  await codemod(out);
  out.say('\nDone. Next: npx keyless doctor on a real host, and docs/moving-off-access-keys.md.');
} finally {
  await emulator.stop();
}
