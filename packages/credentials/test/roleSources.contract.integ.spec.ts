import { type Emulator, type RequestKind, startEmulator } from '@keyless/emulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialsChainError,
  fromInstanceRole,
  type InstanceRoleProvider,
  MalformedResponseError,
  type RoleSource,
} from '../src/index.js';
import { FakeTime } from './support/FakeTime.js';
import { tempFiles } from './support/tempFiles.js';

interface Case {
  label: string;
  source: RoleSource;
  kind: RequestKind;
  env(emu: Emulator, files: ReturnType<typeof tempFiles>): Record<string, string>;
}

const cases: Case[] = [
  {
    label: 'imds',
    source: 'imds',
    kind: 'imds-credentials',
    env: (emu) => ({ AWS_EC2_METADATA_SERVICE_ENDPOINT: emu.endpoints.imds }),
  },
  {
    label: 'container (EKS Pod Identity)',
    source: 'container',
    kind: 'container',
    env: (emu) => ({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: emu.endpoints.containerFullUri,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: emu.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '',
    }),
  },
  {
    label: 'container (ECS path)',
    source: 'container',
    kind: 'container',
    env: (emu) => ({ AWS_CONTAINER_CREDENTIALS_FULL_URI: `${emu.url}${emu.endpoints.containerRelativeUri}` }),
  },
  {
    label: 'web identity',
    source: 'web-identity',
    kind: 'sts',
    env: (emu, files) => ({
      AWS_WEB_IDENTITY_TOKEN_FILE: files.write('token', emu.webIdentityToken),
      AWS_ROLE_ARN: emu.roleArn,
      AWS_ENDPOINT_URL_STS: emu.endpoints.sts,
    }),
  },
];

// The contract every role source must keep, run against the emulator.
describe.each(cases)('role source contract: $label', ({ source, kind, env }) => {
  let emu: Emulator;
  let files: ReturnType<typeof tempFiles>;
  let time: FakeTime;
  const providers: InstanceRoleProvider[] = [];
  const provider = (): InstanceRoleProvider => {
    const p = fromInstanceRole({
      sources: [source],
      staticKeys: 'deny',
      clock: time,
      scheduler: time,
      env: env(emu, files),
    });
    providers.push(p);
    return p;
  };

  beforeEach(async () => {
    time = new FakeTime();
    emu = await startEmulator({ clock: time });
    files = tempFiles();
  });
  afterEach(async () => {
    for (const p of providers.splice(0)) p.close();
    await emu.stop();
    files.cleanup();
  });

  it('resolves a set the emulator issued, labelled with the source', async () => {
    const creds = await provider()();
    expect(creds.source).toBe(source);
    const issued = emu.issued().find((s) => s.accessKeyId === creds.accessKeyId);
    expect(issued).toBeDefined();
    expect(creds.secretAccessKey).toBe(issued?.secretAccessKey);
    expect(creds.sessionToken).toBe(issued?.sessionToken);
    expect(creds.expiration?.getTime()).toBe(issued?.expiration.getTime());
  });

  it('is fetched once for every provider with the same configuration', async () => {
    const [a, b] = [provider(), provider()];
    await Promise.all([a(), b(), a(), b()]);
    expect(emu.count({ kind })).toBe(1);
  });

  it('after invalidate(), the next call fetches a new set', async () => {
    const p = provider();
    const first = await p();
    emu.rotate();
    p.invalidate(first.accessKeyId);
    const second = await p();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(emu.count({ kind })).toBe(2);
  });

  it('a server error is a recoverable failure naming the source', async () => {
    emu.fault({ kind, type: 'status', status: 500 });
    const error = (await provider()().catch((e: unknown) => e)) as CredentialsChainError;
    expect(error).toBeInstanceOf(CredentialsChainError);
    expect(error.attempts[0]?.error).toMatchObject({ source, recoverable: true });
  });

  it('a malformed body is a MalformedResponseError naming the source', async () => {
    emu.fault({ kind, type: 'malformed' });
    const error = (await provider()().catch((e: unknown) => e)) as CredentialsChainError;
    expect(error.attempts[0]?.error).toBeInstanceOf(MalformedResponseError);
    expect(error.attempts[0]?.error).toMatchObject({ source });
  });

  it('keeps serving the cached set when a refresh fails', async () => {
    const p = provider();
    const first = await p();
    emu.fault({ kind, type: 'status', status: 503 });
    p.invalidate();
    expect((await p()).accessKeyId).toBe(first.accessKeyId);
  });
});
