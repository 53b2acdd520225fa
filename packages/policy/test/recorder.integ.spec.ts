// The recorder on real SDK clients against the emulator's S3: every call it records must be
// allowed by the policy derived statically from the same code (checked in the IAM simulator), and
// no record may hold a body.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@keyless/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { derivePolicy, IamData, policyReport, readSources } from '../src/index.js';
import { type RecordedCall, recordCalls, recordCallsV2 } from '../src/recorder.js';
import { ACCOUNT, simulate } from './simulate.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'recorded');
const render = {
  partition: 'aws',
  region: 'us-east-1',
  account: ACCOUNT,
  env: { NOTES_BUCKET: 'keyless-notes' },
};
const data = new IamData();
const note = 'meet at the usual place at nine';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(join(tmpdir(), 'keyless-recorder-'));
});

// The shared setup restores the environment after each test.
beforeEach(() => {
  const set = emu.current();
  vi.stubEnv('AWS_ACCESS_KEY_ID', set.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', set.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', set.sessionToken);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ENDPOINT_URL_S3', emu.endpoints.s3);
  vi.stubEnv('NOTES_BUCKET', 'keyless-notes');
});

afterAll(async () => {
  await emu.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Each recorded call as the (action, ARN) pairs it needs, through the same mapping as the code's. */
async function recordedRequests(file: string) {
  const derivation = await derivePolicy({
    sources: [],
    cwd: dir,
    data,
    recorded: [{ file: 'calls.jsonl', text: await readFile(file, 'utf8') }],
  });
  expect(derivation.problems).toEqual([]);
  expect(derivation.underivable).toEqual([]);
  return policyReport(derivation, render).requirements;
}

describe('recordCalls (v3) and recordCallsV2 against the emulator', () => {
  it('records each call with only its resource names, and the static policy allows every one', async () => {
    const file = join(dir, 'v3.jsonl');
    const notes = await import('./fixtures/recorded/src/notes.js');
    notes.s3.middlewareStack.use(recordCalls({ file }));
    await notes.saveNote('n1', note);
    expect(await notes.readNote('n1')).toBe(note);
    expect(await notes.listNotes()).toEqual(['notes/n1.txt']);
    await notes.deleteNote('n1');

    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(note);
    const calls = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RecordedCall);
    expect(calls.map((c) => c.operation)).toEqual([
      'PutObject',
      'HeadObject',
      'GetObject',
      'ListObjectsV2',
      'DeleteObject',
    ]);
    expect(calls[0]).toEqual({
      sdk: 'v3',
      service: 's3',
      operation: 'PutObject',
      input: { Bucket: 'keyless-notes', Key: 'notes/n1.txt' },
      outcome: { ok: true, status: 200 },
    });
    // Prefix is a condition, not a resource: it is not recorded.
    expect(calls[3]?.input).toEqual({ Bucket: 'keyless-notes' });

    const code = await derivePolicy({
      sources: await readSources(['src/notes.ts'], fixture),
      cwd: fixture,
      data,
    });
    expect(code.problems).toEqual([]);
    const policy = policyReport(code, render).policy;
    const requests = await recordedRequests(file);
    expect(requests.map((r) => r.action)).toEqual([
      's3:PutObject',
      's3:GetObject',
      's3:GetObject',
      's3:ListBucket',
      's3:DeleteObject',
    ]);
    for (const r of requests)
      expect(await simulate(policy, r.action, r.resource), `${r.action} ${r.resource}`).toBe('Allowed');
    // A near miss the recorder would have seen if the code strayed: another bucket is denied.
    expect(await simulate(policy, 's3:GetObject', 'arn:aws:s3:::keyless-other/notes/n1.txt')).not.toBe(
      'Allowed',
    );
  });

  it('records failed calls with their error, and v2 calls through the complete listener', async () => {
    const file = join(dir, 'v2.jsonl');
    const AWS = createRequire(import.meta.url)('aws-sdk') as typeof import('aws-sdk');
    // `AWS.events`, the listeners every request gets, is missing from the v2 typings.
    const { events } = AWS as unknown as {
      events: { on: (e: string, l: unknown) => void; removeListener: (e: string, l: unknown) => void };
    };
    const listener = recordCallsV2({ file });
    events.on('complete', listener);
    try {
      const { archiveNote } = createRequire(import.meta.url)('./fixtures/recorded/src/archive.cjs') as {
        archiveNote: (id: string, text: string) => Promise<unknown>;
      };
      await archiveNote('n2', note);
      const s3 = new AWS.S3({ endpoint: emu.endpoints.s3, s3ForcePathStyle: true, maxRetries: 0 });
      await expect(
        s3.getObject({ Bucket: 'notes-archive', Key: 'archive/missing.txt' }).promise(),
      ).rejects.toThrow();
    } finally {
      events.removeListener('complete', listener);
    }
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(note);
    const calls = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as RecordedCall);
    expect(calls.map((c) => `${c.sdk} ${c.service} ${c.operation} ${c.outcome.ok}`)).toEqual([
      'v2 s3 PutObject true',
      'v2 s3 GetObject true',
      'v2 s3 GetObject false',
    ]);
    expect(calls[2]?.outcome).toEqual({ ok: false, error: 'NoSuchKey', status: 404 });

    const code = await derivePolicy({
      sources: await readSources(['src/archive.cjs'], fixture),
      cwd: fixture,
      data,
    });
    expect(code.problems).toEqual([]);
    const policy = policyReport(code, render).policy;
    const requests = await recordedRequests(file);
    // The failed read of a missing note still needs s3:GetObject; the static policy allows it.
    for (const r of requests.slice(0, 2))
      expect(await simulate(policy, r.action, r.resource), `${r.action} ${r.resource}`).toBe('Allowed');
    expect(requests[2]?.resource).toBe('arn:aws:s3:::notes-archive/archive/missing.txt');
    expect(await simulate(policy, 's3:GetObject', requests[2]?.resource ?? '')).toBe('Allowed');
  });
});
