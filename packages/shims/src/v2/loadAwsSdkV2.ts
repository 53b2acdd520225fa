import { createRequire } from 'node:module';
import type { AwsSdkV2 } from './V2Credentials.js';

/**
 * Loads the app's `aws-sdk` v2 (an optional peer dependency) on first use, never at import, so this
 * package loads without it and v3-only apps never pay for it. `aws-sdk/global` is the core without
 * the service models; it is the same module instance that `require('aws-sdk')` uses, so the adapter
 * extends the very `AWS.Credentials` the app's clients check against.
 */
export function loadAwsSdkV2(): AwsSdkV2 {
  // Resolve from this file. (Not a bare `require`: the ESM bundle defines one that throws on dynamic
  // requires. The CJS build gets `import.meta.url` from tsup's shims.)
  const load = createRequire(import.meta.url);
  try {
    return load('aws-sdk/global') as AwsSdkV2;
  } catch (e: unknown) {
    throw new Error(
      'InstanceRoleCredentials needs the aws-sdk v2 package: install it (npm i aws-sdk) or pass { awsSdk: AWS }',
      { cause: e },
    );
  }
}
