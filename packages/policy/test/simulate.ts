// Test-only: asks @cloud-copilot/iam-simulate (AGPL-3.0-or-later, a devDependency used only by tests
// and benchmarks) whether an identity policy allows one request.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../src/index.js';

export const ACCOUNT = '111122223333';

const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};

/** `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`; throws when the simulator rejects the input. */
export async function simulate(policy: PolicyDocument, action: string, resource: string): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'derived', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // A KMS key is usable by a role only when its key policy lets IAM policies decide: the default key policy.
      ...(resource.startsWith('arn:aws:kms:') && { resourcePolicy: DEFAULT_KEY_POLICY }),
      request: {
        action,
        principal: `arn:aws:iam::${ACCOUNT}:role/service`,
        resource: { accountId: ACCOUNT, resource },
        contextVariables: {},
      },
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`simulator: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}
