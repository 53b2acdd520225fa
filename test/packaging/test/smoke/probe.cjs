'use strict';
// Exercises the keyless libraries through whatever module system loaded them (see smoke.mjs
// and smoke.cjs) and prints one JSON report on stdout for the packaging specs to check. It loads
// nothing itself, so the same checks run against ESM and CJS, in the workspace and from tarballs.
const { randomBytes } = require('node:crypto');

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Key-shaped values made at run time, so no key-like literal is ever committed. */
function generatedKeys() {
  const id = ['AK', 'IA'].join('') + Array.from(randomBytes(16), (b) => BASE32[b % 32]).join('');
  return { accessKeyId: id, secretAccessKey: randomBytes(30).toString('base64') };
}

/** `{ exportName: typeof value }` for every export, sorted by name. */
function shape(mod) {
  return Object.fromEntries(
    Object.keys(mod)
      .filter((k) => k !== 'default' && k !== '__esModule')
      .sort()
      .map((k) => [k, typeof mod[k]]),
  );
}

/**
 * @param {'esm' | 'cjs'} format
 * @param {{ redact: any, emulator: any, credentials: any, shims: any, codemod: any, policy: any, recorder: any }} mods
 */
async function probe(format, mods) {
  const { redact, emulator, credentials, shims, codemod, policy, recorder } = mods;
  const report = {
    format,
    exports: {
      '@keyless/redact': shape(redact),
      '@keyless/emulator': shape(emulator),
      '@keyless/credentials': shape(credentials),
      '@keyless/shims': shape(shims),
      '@keyless/codemod': shape(codemod),
      '@keyless/policy': shape(policy),
      '@keyless/policy/recorder': shape(recorder),
    },
  };

  const emu = await emulator.startEmulator();
  const env = {
    AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/keyless/credentials',
    AWS_CONFIG_FILE: '/nonexistent/keyless/config',
  };
  const provider = credentials.fromInstanceRole({ env });
  try {
    const served = emu.current();
    const resolved = await provider();
    const shimmed = shims.withInstanceRole({ region: 'us-east-1' }, { env });
    const viaShim = await shimmed.credentials();
    shimmed.credentials.close();

    const keys = generatedKeys();
    const source = `const s3 = new S3Client({ credentials: { accessKeyId: '${keys.accessKeyId}', secretAccessKey: '${keys.secretAccessKey}' } });\n`;
    const analysis = codemod.analyzeSource('app.js', source, {});
    const derived = await policy.derivePolicy({
      cwd: process.cwd(),
      sources: [
        {
          file: 'app.mjs',
          text: "import { GetObjectCommand } from '@aws-sdk/client-s3';\nnew GetObjectCommand({ Bucket: 'b', Key: 'k' });\n",
        },
      ],
    });
    const policyDoc = policy.policyReport(derived, { partition: 'aws' }).policy;

    const redacted = redact.redactSecrets(`token ${keys.secretAccessKey} from ${keys.accessKeyId}`);
    report.probes = {
      redact: {
        text: redacted,
        expected: `token **** from ${keys.accessKeyId.slice(0, 4)}…${keys.accessKeyId.slice(-4)}`,
      },
      emulatorUrl: emu.url,
      faultSpec: emulator.parseFaultSpec('status=503,kind=imds-token,times=2'),
      credentials: {
        source: resolved.source,
        isServedKey: resolved.accessKeyId === served.accessKeyId,
        masked: credentials.maskAccessKeyId(served.accessKeyId),
        expectedMask: `${served.accessKeyId.slice(0, 4)}…${served.accessKeyId.slice(-4)}`,
        imdsCredentialCalls: emu.count({ kind: 'imds-credentials' }),
      },
      shims: {
        source: viaShim.source,
        isServedKey: viaShim.accessKeyId === served.accessKeyId,
        cacheBound: new shims.AssumedRoleCache({ maxRoles: 2 }).maxRoles,
      },
      codemod: {
        ruleIds: analysis.findings.map((f) => f.ruleId),
        keyIds: analysis.findings.map((f) => f.keyId).filter((k) => k !== undefined),
        expectedMask: `${keys.accessKeyId.slice(0, 4)}…${keys.accessKeyId.slice(-4)}`,
        leaksKey: JSON.stringify(analysis).includes(keys.accessKeyId),
        leaksSecret: JSON.stringify(analysis).includes(keys.secretAccessKey),
      },
      policy: policyDoc.Statement.map((s) => ({ Action: s.Action, Resource: s.Resource })),
    };
  } finally {
    provider.close();
    await emu.stop();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

module.exports = { probe };
