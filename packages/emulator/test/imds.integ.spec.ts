import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

let emu: Emulator;

beforeEach(async () => {
  emu = await startEmulator();
  vi.stubEnv('AWS_EC2_METADATA_SERVICE_ENDPOINT', emu.endpoints.imds);
});

afterEach(async () => {
  await emu.stop();
});

describe('IMDS with the SDK fromInstanceMetadata', () => {
  it('serves the current credential set over IMDSv2 with one credentials request', async () => {
    const creds = await fromInstanceMetadata()();
    const served = emu.current();
    expect(creds.accessKeyId).toBe(served.accessKeyId);
    expect(creds.secretAccessKey).toBe(served.secretAccessKey);
    expect(creds.sessionToken).toBe(served.sessionToken);
    expect(creds.expiration?.getTime()).toBe(Math.floor(served.expiration.getTime() / 1000) * 1000);
    expect(creds.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(emu.count({ kind: 'imds-token' })).toBe(1);
    expect(emu.count({ kind: 'imds-credentials' })).toBe(1);
    expect(emu.requests({ kind: 'imds-credentials' })[0]).toMatchObject({
      status: 200,
      tokenSent: true,
      method: 'GET',
    });
  });
});
