import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Emulator } from '@keyless/emulator';

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

/** `AKIA…WXYZ`, computed here rather than by the code under test. */
export function masked(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/** Key-shaped values made at run time, so no key-like literal is committed. */
export function generatedKeys(): { EXPORT_ACCESS_KEY_ID: string; EXPORT_SECRET_ACCESS_KEY: string } {
  return {
    EXPORT_ACCESS_KEY_ID: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    EXPORT_SECRET_ACCESS_KEY: randomBytes(30).toString('base64'),
  };
}

/** An SDK-style logger that keeps what it is given. */
export function recordingLogger() {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (...content: unknown[]) => {
      lines.push({
        level,
        text: content.map((c) => (typeof c === 'string' ? c : JSON.stringify(c))).join(' '),
      });
    };
  return {
    logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    warnings: () => lines.filter((l) => l.level === 'warn'),
  };
}
