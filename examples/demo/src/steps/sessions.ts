import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromInstanceRole, maskAccessKeyId, type ResolvedCredentials } from '@keyless/credentials';
import type { Emulator } from '@keyless/emulator';
import type { Narrator } from '../Narrator.js';

/**
 * Step 3: the same `fromInstanceRole()` on AWS Lambda (the execution role's session in env) and on a
 * laptop with an IAM Identity Center profile: each resolves its own role, with no warning.
 */
export async function sessions(emulator: Emulator, out: Narrator): Promise<void> {
  out.step(3, 'Lambda and an SSO profile: sessions, not static keys');
  const warnings: string[] = [];
  const logger = { debug() {}, info() {}, warn: (m: unknown) => warnings.push(String(m)), error() {} };

  // Lambda hands the execution role's temporary keys to the function in env.
  const role = emulator.current();
  const imdsBefore = emulator.count({ kind: 'imds-token' });
  const lambda = fromInstanceRole({
    logger,
    env: {
      AWS_LAMBDA_FUNCTION_NAME: 'orders-api',
      AWS_ACCESS_KEY_ID: role.accessKeyId,
      AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
      AWS_SESSION_TOKEN: role.sessionToken,
    },
  });
  try {
    out.say(
      'AWS_LAMBDA_FUNCTION_NAME=orders-api, the execution role in AWS_ACCESS_KEY_ID/…/AWS_SESSION_TOKEN',
    );
    report(out, await lambda(), `${emulator.count({ kind: 'imds-token' }) - imdsBefore} IMDS requests`);
  } finally {
    lambda.close();
  }

  // `aws configure sso` + `aws sso login`, offline: a profile and a cached token, the portal on the emulator.
  const home = mkdtempSync(join(tmpdir(), 'keyless-demo-sso-'));
  const sso = await emulator.writeSsoProfile({ home, profile: 'dev' });
  // The SDK's SSO provider reads its token cache and endpoint from process.env.
  const saved = Object.fromEntries(Object.keys(sso.env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, sso.env);
  const laptop = fromInstanceRole({ logger, env: { ...sso.env, AWS_EC2_METADATA_DISABLED: 'true' } });
  try {
    out.say('AWS_PROFILE=dev, a profile with sso_session (IAM Identity Center), logged in');
    const credentials = await laptop();
    const sts = new STSClient({ region: 'us-east-1', endpoint: emulator.endpoints.sts, credentials: laptop });
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    report(out, credentials, `the emulator's STS says ${identity.Arn}`);
  } finally {
    laptop.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(home, { recursive: true, force: true });
  }
  out.ok(`${warnings.length} warnings: temporary keys are a role's session, not a long-lived key`);
}

function report(out: Narrator, c: ResolvedCredentials, detail: string): void {
  out.ok(`source: ${c.source}, kind: ${c.kind}, key ${maskAccessKeyId(c.accessKeyId)}; ${detail}`);
}
