import { createRequire } from 'node:module';
import type { Emulator } from '@keyless/emulator';
import { fakeStaticKeys } from '@keyless/test-support';

// The app is CommonJS, as legacy v2 apps are: load it the way Node runs it.
const require = createRequire(import.meta.url);
export const { runExport } = require('../src/runExport.cjs') as typeof import('../src/runExport.cjs');
export const { describeError } =
  require('../src/describeError.cjs') as typeof import('../src/describeError.cjs');
export const { instanceRoleCredentials } =
  require('../src/instanceRoleCredentials.cjs') as typeof import('../src/instanceRoleCredentials.cjs');

/** A host whose only role source is the emulator's IMDS, with profile files pointing nowhere. */
export function ec2HostEnv(emu: Emulator): Record<string, string> {
  return {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
    // Generous: the first IMDS contact is one attempt, and a busy CI machine can take over 1 s.
    AWS_METADATA_SERVICE_TIMEOUT: '5',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
    AWS_CONFIG_FILE: '/nonexistent/keyless/config',
  };
}

/** The old keys, key-shaped and made at run time, as the job reads them from its environment. */
export function generatedKeys(): { EXPORT_ACCESS_KEY_ID: string; EXPORT_SECRET_ACCESS_KEY: string } {
  const { accessKeyId, secretAccessKey } = fakeStaticKeys();
  return { EXPORT_ACCESS_KEY_ID: accessKeyId, EXPORT_SECRET_ACCESS_KEY: secretAccessKey };
}
